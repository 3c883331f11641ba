//go:build race

package input_test

// raceEnabled: under the race detector, sync.Pool drops a share of what is
// put back, so allocation counts say nothing about the reader.
const raceEnabled = true

package cmd

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// TestUnreadableInputs checks what every command makes of an input that
// cannot be read whole: the events before the break are processed, the
// file and the reason are named once, the exit status is 2, and validate's
// summary says it is incomplete. Empty inputs are named too, and are no
// failure.
func TestUnreadableInputs(t *testing.T) {
	events, err := os.ReadFile("../examples/events.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(events), "\n")
	lines = lines[:len(lines)-1] // after the last newline
	firstTen := strings.Join(lines[:10], "")

	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(firstTen))
	zw.Close()
	var zs bytes.Buffer
	zsw, _ := zstd.NewWriter(&zs)
	zsw.Write([]byte(firstTen))
	zsw.Close()
	// A frame header claiming a 1 GiB window (zstd --long=30).
	bigWindow := []byte("\x28\xb5\x2f\xfd\x00\xa0\x00\x00\x00\x00\x00\x00")

	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	whole := write("whole.ndjson.gz", gz.Bytes())
	// Two members, the second cut inside its header: the first's ten
	// events are all there.
	cut := write("cut.ndjson.gz", append(bytes.Clone(gz.Bytes()), gz.Bytes()[:5]...))
	garbage := write("garbage.ndjson.gz", append(bytes.Clone(gz.Bytes()), "<html>"...))
	zcut := write("cut.ndjson.zst", append(bytes.Clone(zs.Bytes()), zs.Bytes()[:8]...))
	zwin := write("window.ndjson.zst", bigWindow)
	empty := write("empty.ndjson", nil)
	emptyDir := filepath.Join(dir, "nothing")
	write("nothing/notes.txt", []byte("not events"))

	tests := []struct {
		name     string
		files    []string
		events   int // shown by show -o json
		wantCode int
		stderr   string
		summary  string
	}{
		{"whole", []string{whole}, 10, 0, "", "10 events: 10 valid, 0 invalid\n"},
		{"truncated gzip", []string{cut}, 10, 2,
			fmt.Sprintf("csmctl: %s: truncated gzip stream after %d bytes\n", cut, gz.Len()+5),
			"10 events: 10 valid, 0 invalid; incomplete: 1 input could not be read whole\n"},
		{"trailing garbage", []string{garbage, whole}, 20, 2,
			fmt.Sprintf("csmctl: %s: trailing garbage after gzip stream at byte %d\n", garbage, gz.Len()),
			"20 events: 20 valid, 0 invalid; incomplete: 1 input could not be read whole\n"},
		{"truncated zstd", []string{zcut}, 10, 2,
			fmt.Sprintf("csmctl: %s: truncated zstd stream after %d bytes\n", zcut, zs.Len()+8),
			"10 events: 10 valid, 0 invalid; incomplete: 1 input could not be read whole\n"},
		{"zstd window", []string{zwin, whole}, 10, 2,
			fmt.Sprintf("csmctl: %s: zstd window of 1 GiB exceeds the 512 MiB limit\n", zwin),
			"10 events: 10 valid, 0 invalid; incomplete: 1 input could not be read whole\n"},
		{"empty file", []string{empty, whole}, 10, 0,
			fmt.Sprintf("csmctl: %s: no events\n", empty),
			"10 events: 10 valid, 0 invalid\n"},
		{"directory with no event file", []string{emptyDir}, 0, 0,
			fmt.Sprintf("csmctl: %s: no files to read: event files are named *.json, *.ndjson, *.jsonl or *.log, each maybe .gz or .zst\n", emptyDir),
			"0 events: 0 valid, 0 invalid\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, args := range [][]string{{"validate"}, {"show", "-o", "json"}, {"tree", "-o", "json"}, {"query", "-c", "."}} {
				out, errOut, code := run(t, "", append(args, tt.files...)...)
				name := args[0]
				if code != tt.wantCode {
					t.Errorf("%s: exit status %d, want %d; stderr %q", name, code, tt.wantCode, errOut)
				}
				wantErr := tt.stderr
				if name == "validate" {
					wantErr += tt.summary
				}
				if errOut != wantErr {
					t.Errorf("%s: stderr\n%q\nwant\n%q", name, errOut, wantErr)
				}
				if name == "show" && out != strings.Repeat(firstTen, tt.events/10) {
					t.Errorf("show -o json: %d lines out, want the %d events before the break", strings.Count(out, "\n"), tt.events)
				}
			}
		})
	}
}

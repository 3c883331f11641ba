// Package zstd decodes Zstandard streams (RFC 8878) without dictionaries.
//
// NewReader returns a streaming decoder that reads the frames of its input
// one after another, as zstd -d does, skips skippable frames and verifies
// content checksums. The input is untrusted: the decoder never keeps more
// history than the window a frame asks for, refuses windows over a limit
// the caller sets, and reports every defect as an error saying what was
// wrong rather than panicking or looping.
package zstd

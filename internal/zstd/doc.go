// Package zstd reads and writes Zstandard (RFC 8878) without
// dictionaries: the decoder of csmctl's .zst input, and the encoder of
// export's Parquet pages. It is csmctl's own so that every run does not pay
// a library's package inits for them (see README's dependencies).
//
// NewReader returns a streaming decoder that reads the frames of its input
// one after another, as zstd -d does, skips skippable frames and verifies
// content checksums. The input is untrusted: the decoder refuses windows
// over a limit the caller sets (WithMaxWindow), keeps no more history than
// a frame's window plus two blocks, allocates it as content arrives rather
// than from sizes a header claims, and reports every defect as an error
// saying what was wrong (ErrCorrupt, ErrChecksum, ErrNotZstd,
// ErrDictionary, a *WindowError, io.ErrUnexpectedEOF) rather than
// panicking or looping.
//
// An Encoder writes one frame per call (EncodeAll), for small independent
// payloads such as Parquet pages.
package zstd

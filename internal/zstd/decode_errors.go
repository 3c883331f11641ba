package zstd

import (
	"errors"
	"fmt"
)

var (
	// ErrNotZstd is returned when the input, or what follows a frame, does
	// not start with a zstd or skippable frame's magic number.
	ErrNotZstd = errors.New("zstd: not a zstd frame (bad magic number)")

	// ErrWindowTooLarge is matched (errors.Is) by a *WindowError.
	ErrWindowTooLarge = errors.New("zstd: window too large")

	// ErrCorrupt is matched (errors.Is) by every error about malformed
	// compressed data; the error's text says what was wrong.
	ErrCorrupt = errors.New("zstd: corrupt input")

	// ErrChecksum is returned when a frame's content does not match its
	// Content_Checksum.
	ErrChecksum = errors.New("zstd: content checksum mismatch")

	// ErrDictionary is returned for frames that need a dictionary, which
	// this package does not support.
	ErrDictionary = errors.New("zstd: dictionaries are not supported")
)

// WindowError reports a frame whose window (the history a decoder must
// keep) is over the reader's limit.
type WindowError struct {
	Window uint64 // the window the frame asks for, in bytes
	Limit  uint64 // the largest window the reader accepts
}

func (e *WindowError) Error() string {
	return fmt.Sprintf("zstd: the window is %s, over the %s limit", sizeText(e.Window), sizeText(e.Limit))
}

// Is makes a WindowError match ErrWindowTooLarge.
func (e *WindowError) Is(target error) bool { return target == ErrWindowTooLarge }

// sizeText words a size in MiB, or in KiB or bytes where MiB are not
// whole.
func sizeText(n uint64) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// corrupt makes an error about malformed data, matching ErrCorrupt.
func corrupt(format string, args ...any) error {
	return &corruptError{msg: fmt.Sprintf(format, args...)}
}

// corruptWrap wraps a lower-level error as corruption, keeping its text.
func corruptWrap(context string, err error) error {
	return &corruptError{msg: context + ": " + err.Error()}
}

type corruptError struct{ msg string }

func (e *corruptError) Error() string        { return "zstd: corrupt input: " + e.msg }
func (e *corruptError) Is(target error) bool { return target == ErrCorrupt }

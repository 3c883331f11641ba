package input

import (
	"bufio"
	"bytes"
	"errors"
)

// ErrUTF16 is an input in UTF-16 (as PowerShell's `>` and Out-File write on
// Windows) rather than UTF-8. It is refused whole, with the command that
// converts it, instead of an error on every line.
var ErrUTF16 = errors.New("input is UTF-16")

type utf16Error struct{ from string }

func (e utf16Error) Error() string {
	return ErrUTF16.Error() + "; convert it with iconv -f " + e.from + " -t UTF-8"
}

func (e utf16Error) Is(target error) bool { return target == ErrUTF16 }

// checkEncoding looks at an input's first bytes for UTF-16: a byte order
// mark, or ASCII interleaved with NULs. Neither can start JSON, so a UTF-8
// input is never mistaken for it.
func checkEncoding(br *bufio.Reader) error {
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}), bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return utf16Error{"UTF-16"} // iconv reads the byte order from the mark
	case len(head) == 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0:
		return utf16Error{"UTF-16LE"}
	case len(head) == 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0:
		return utf16Error{"UTF-16BE"}
	}
	return nil
}

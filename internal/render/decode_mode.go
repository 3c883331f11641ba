package render

import (
	"github.com/csmctl/csmctl/internal/record"
	"strconv"

	"github.com/csmctl/csmctl/internal/model"
)

// fileModeText is a Linux file mode as written with its octal and
// symbolic forms beside it, as ls writes them: "33188 (0100644
// -rw-r--r--)"; a mode without file type bits (a chmod or mkdir argument)
// has no type letter: "511 (0777 rwxrwxrwx)". An ill-typed mode is shown
// as written, a mode outside 16 bits without the symbolic form.
func fileModeText(mode model.Int) string {
	n, ok := mode.Int64()
	if !ok || n < 0 {
		return record.IntText(mode)
	}
	octal := "0"
	if n > 0 {
		octal += strconv.FormatInt(n, 8)
	}
	if n > 0o177777 {
		return withNote(record.IntText(mode), octal)
	}
	return withNote(record.IntText(mode), octal+" "+symbolicMode(uint32(n)))
}

// symbolicMode is mode as ls -l writes it, the type letter only when the
// mode has type bits.
func symbolicMode(mode uint32) string {
	b := make([]byte, 0, 10)
	if t := mode & 0o170000; t != 0 {
		b = append(b, fileTypeLetter(t))
	}
	const rwx = "rwx"
	for i := range 9 {
		c := byte('-')
		if mode&(1<<(8-i)) != 0 {
			c = rwx[i%3]
		}
		b = append(b, c)
	}
	special := func(bit uint32, at int, set, setNoExec byte) {
		if mode&bit == 0 {
			return
		}
		at += len(b) - 9
		if b[at] == 'x' {
			b[at] = set
		} else {
			b[at] = setNoExec
		}
	}
	special(0o4000, 2, 's', 'S') // setuid
	special(0o2000, 5, 's', 'S') // setgid
	special(0o1000, 8, 't', 'T') // sticky
	return string(b)
}

// fileTypeLetter is the letter ls gives the file type bits of a mode (S_IFMT).
func fileTypeLetter(t uint32) byte {
	switch t {
	case 0o140000:
		return 's'
	case 0o120000:
		return 'l'
	case 0o100000:
		return '-'
	case 0o060000:
		return 'b'
	case 0o040000:
		return 'd'
	case 0o020000:
		return 'c'
	case 0o010000:
		return 'p'
	}
	return '?'
}

package model

import "strings"

// ShellQuote quotes one word of a command line as a POSIX shell reads it,
// by the rule of Python's shlex.quote (and of query's cmdline helper): as
// is when it is made only of A-Z a-z 0-9 @ % + = : , . / _ -, else in
// single quotes, a ' inside written '"'"'. The empty word is a pair of
// single quotes.
func ShellQuote(word string) string { return string(appendShellQuoted(nil, word)) }

func appendShellQuoted(dst []byte, word string) []byte {
	if word != "" && strings.IndexFunc(word, shellUnsafe) < 0 {
		return append(dst, word...)
	}
	dst = append(dst, '\'')
	for {
		i := strings.IndexByte(word, '\'')
		if i < 0 {
			break
		}
		dst = append(append(dst, word[:i]...), `'"'"'`...)
		word = word[i+1:]
	}
	return append(append(dst, word...), '\'')
}

// shellUnsafe reports whether r needs quoting in a shell word.
func shellUnsafe(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return false
	}
	return !strings.ContainsRune("@%+=:,./_-", r)
}

// ShellCommandLine is a Linux process's command line as one string: argv0
// then args (which the agent writes without argv0), each quoted by
// ShellQuote, joined with spaces. It is "" when there are no words.
func ShellCommandLine(argv0 string, args []string) string {
	return string(AppendShellCommandLine(nil, argv0, args))
}

// AppendShellCommandLine appends ShellCommandLine(argv0, args) to dst.
func AppendShellCommandLine(dst []byte, argv0 string, args []string) []byte {
	start := len(dst)
	if argv0 != "" {
		dst = appendShellQuoted(dst, argv0)
	}
	for _, a := range args {
		if len(dst) > start {
			dst = append(dst, ' ')
		}
		dst = appendShellQuoted(dst, a)
	}
	return dst
}

package model

import "strings"

// ShellQuote quotes one word of a command line as a POSIX shell reads it,
// by the rule of Python's shlex.quote (and of query's cmdline helper): as
// is when it is made only of A-Z a-z 0-9 @ % + = : , . / _ -, else in
// single quotes, a ' inside written '"'"'. The empty word is a pair of single quotes.
func ShellQuote(word string) string {
	if word != "" && strings.IndexFunc(word, shellUnsafe) < 0 {
		return word
	}
	return "'" + strings.ReplaceAll(word, "'", `'"'"'`) + "'"
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
	var sb strings.Builder
	if argv0 != "" {
		sb.WriteString(ShellQuote(argv0))
	}
	for _, a := range args {
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(ShellQuote(a))
	}
	return sb.String()
}

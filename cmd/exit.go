package cmd

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/csmctl/csmctl/internal/escape"
	"github.com/csmctl/csmctl/internal/iostreams"
)

// Exit statuses, like grep's and jq's.
const (
	ExitOK    = 0 // everything was fine
	ExitData  = 1 // the data had problems: invalid events, unparseable lines
	ExitUsage = 2 // bad flags or arguments, or an input that could not be read

	// jq's own statuses, which query keeps.
	ExitFalsy   = 1 // -e: the last output was false or null
	ExitCompile = 3 // the filter does not compile
	ExitNoValue = 4 // -e: there was no output
	ExitRuntime = 5 // the filter failed on some input
)

// ExitError ends the command with a status. A silent one has already told
// the user what went wrong; otherwise its message is printed.
type ExitError struct {
	Code   int
	Err    error
	Silent bool
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// errDataProblems ends a command whose problems were all reported already.
var errDataProblems = &ExitError{Code: ExitData, Silent: true}

// errReported ends a command after an input error that was reported already.
var errReported = &ExitError{Code: ExitUsage, Silent: true}

// FlagError is a usage mistake: the user gets the message and a pointer to
// the help of Command, the path of the command that was run ("csmctl show");
// Main fills it in.
type FlagError struct {
	Err     error
	Command string
}

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

func flagErrorf(format string, a ...any) error {
	return &FlagError{Err: fmt.Errorf(format, a...)}
}

// exitCode reports err to the user, unless it is silent, and picks the status.
func exitCode(io *iostreams.IOStreams, err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if !ee.Silent {
			fmt.Fprintf(io.ErrOut, "csmctl: %s\n", escape.Text(ee.Error()))
		}
		return ee.Code
	}
	var fe *FlagError
	if !errors.As(err, &fe) {
		fmt.Fprintf(io.ErrOut, "csmctl: %s\n", escape.Text(err.Error()))
		return ExitUsage
	}
	fmt.Fprintf(io.ErrOut, "csmctl: %s\n", usageMessage(fe.Err))
	command := fe.Command
	if command == "" {
		command = "csmctl"
	}
	fmt.Fprintf(io.ErrOut, "Run '%s --help' for usage.\n", escape.Text(command))
	return ExitUsage
}

// appendDiagnostic appends one line for standard error about a problem:
// "csmctl: " then msg, escaped, as grep and jq start theirs with their name.
func appendDiagnostic(dst []byte, msg string) []byte {
	dst = append(dst, "csmctl: "...)
	return append(escape.AppendText(dst, msg), '\n')
}

// usageMessage words a usage mistake for the terminal: the user's text
// escaped, csmctl's own line breaks kept, and pflag's strconv internals
// replaced by what was wrong with the value.
func usageMessage(err error) string {
	var uc *unknownCommandError
	if errors.As(err, &uc) {
		return uc.Error() // escapes the name itself, keeps its line breaks
	}
	var ive *pflag.InvalidValueError
	var ne *strconv.NumError
	if errors.As(err, &ive) && errors.As(ive, &ne) {
		why := "not an integer"
		switch {
		case ne.Func == "ParseBool":
			why = "want true or false"
		case ne.Func == "ParseFloat":
			why = "not a number"
		case errors.Is(ne.Err, strconv.ErrRange):
			why = "out of range"
		}
		return escape.Text(fmt.Sprintf("invalid argument %q for \"--%s\" flag: %s", ive.GetValue(), ive.GetFlag().Name, why))
	}
	return escape.Text(err.Error())
}

// unknownCommandError is a first argument that names no command, with the
// commands it is close to.
type unknownCommandError struct {
	name        string
	suggestions []string
}

func (e *unknownCommandError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "unknown command \"%s\" for \"csmctl\"", escape.Text(e.name))
	if len(e.suggestions) > 0 {
		b.WriteString("\n\nDid you mean this?\n")
		for _, s := range e.suggestions {
			fmt.Fprintf(&b, "\t%s\n", s)
		}
	}
	return b.String()
}

// rejectUnknownCommand is the root's argument check: the root runs no
// command of its own, so an argument is a command name that does not exist.
// Cobra's own check words the same error with the name unescaped, which
// exitCode would then escape whole, line breaks included.
func rejectUnknownCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return &FlagError{Err: &unknownCommandError{name: args[0], suggestions: c.SuggestionsFor(args[0])}}
}

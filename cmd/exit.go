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
	"github.com/csmctl/csmctl/internal/pipeline"
)

// Exit statuses, like grep's and jq's.
const (
	ExitOK    = pipeline.ExitOK    // everything was fine
	ExitData  = pipeline.ExitData  // the data had problems: invalid events, unparseable lines
	ExitUsage = pipeline.ExitInput // bad flags or arguments, or an input that could not be read

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

// ExitCode is the status the command ends with.
func (e *ExitError) ExitCode() int { return e.Code }

// Reported says whether the user was told already.
func (e *ExitError) Reported() bool { return e.Silent }

// exitCoder is an error that carries the status it ends the command with,
// as gojq's do: ExitError, FlagError, input.Error, the pipeline's.
type exitCoder interface{ ExitCode() int }

// reporter is an error that was reported to the user as it happened.
type reporter interface{ Reported() bool }

// FlagError is a usage mistake: the user gets the message and a pointer to
// the help of Command, the path of the command that was run ("csmctl show");
// Main fills it in.
type FlagError struct {
	Err     error
	Command string
}

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// ExitCode is 2: a usage mistake.
func (e *FlagError) ExitCode() int { return ExitUsage }

func flagErrorf(format string, a ...any) error {
	return &FlagError{Err: fmt.Errorf(format, a...)}
}

// exitCode reports err to the user, unless it was reported already, and
// picks the status: the one the error carries, else 2.
func exitCode(io *iostreams.IOStreams, err error) int {
	if err == nil {
		return ExitOK
	}
	var fe *FlagError
	if !errors.As(err, &fe) {
		var r reporter
		if !errors.As(err, &r) || !r.Reported() {
			fmt.Fprintf(io.ErrOut, "csmctl: %s\n", escape.Text(err.Error()))
		}
		var ec exitCoder
		if errors.As(err, &ec) {
			return ec.ExitCode()
		}
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

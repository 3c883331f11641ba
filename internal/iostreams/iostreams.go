// Package iostreams is the one place that knows about the terminal: the three
// standard streams, whether each is a terminal, whether to colour and with
// which palette, how wide the screen is and how wide text is on it.
// Commands receive an *IOStreams and never look at os.Stdout or the
// environment themselves; tests use Test() and read the buffers back.
package iostreams

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/mattn/go-colorable"
	"github.com/mattn/go-isatty"
	"golang.org/x/term"
)

// ColorMode is the --color setting.
type ColorMode string

// The --color values.
const (
	ColorAuto   ColorMode = "auto"
	ColorAlways ColorMode = "always"
	ColorNever  ColorMode = "never"
)

// ParseColorMode checks a --color value.
func ParseColorMode(s string) (ColorMode, error) {
	switch m := ColorMode(s); m {
	case ColorAuto, ColorAlways, ColorNever:
		return m, nil
	}
	return "", fmt.Errorf("invalid color mode %q: want auto, always or never", s)
}

// IOStreams are a command's standard streams and what is known of them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY  bool
	stdoutTTY bool
	stderrTTY bool
	noColor   bool // NO_COLOR is set
	colorMode ColorMode
	width     func() int
	palette   *Palette // built by Palette, from the colour decision
}

// System returns the process's own streams.
func System() *IOStreams {
	stdinTTY := isatty.IsTerminal(os.Stdin.Fd()) || isatty.IsCygwinTerminal(os.Stdin.Fd())
	stdoutTTY := isatty.IsTerminal(os.Stdout.Fd()) || isatty.IsCygwinTerminal(os.Stdout.Fd())
	stderrTTY := isatty.IsTerminal(os.Stderr.Fd()) || isatty.IsCygwinTerminal(os.Stderr.Fd())
	s := &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  stdinTTY,
		stdoutTTY: stdoutTTY,
		stderrTTY: stderrTTY,
		noColor:   os.Getenv("NO_COLOR") != "",
		colorMode: ColorAuto,
		width: func() int {
			if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
				return w
			}
			return 80
		},
	}
	if stdoutTTY {
		s.Out = colorable.NewColorable(os.Stdout) // ANSI on old Windows consoles
	}
	return s
}

// Test returns streams backed by buffers: not terminals, colour off.
func Test() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut, colorMode: ColorAuto, width: func() int { return 80 }}, in, out, errOut
}

// SetStdinTTY pretends stdin is (or is not) a terminal, for tests.
func (s *IOStreams) SetStdinTTY(v bool) { s.stdinTTY = v }

// SetStdoutTTY pretends stdout is (or is not) a terminal, for tests.
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }

// SetStderrTTY pretends stderr is (or is not) a terminal, for tests.
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY = v }

// SetWidth fixes the terminal width, for tests.
func (s *IOStreams) SetWidth(w int) { s.width = func() int { return w } }

// SetColorMode applies the --color flag (and query's -C and -M).
func (s *IOStreams) SetColorMode(m ColorMode) {
	s.colorMode = m
	s.palette = nil // decided again
}

// IsStdinTTY reports whether stdin is a terminal: someone may be typing
// events, or may not know csmctl is waiting for them.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether stderr is a terminal: progress goes there only then.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// ColorEnabled reports whether stdout gets colour: always with
// --color=always, never with --color=never, and with auto only on a terminal
// when NO_COLOR is not set.
func (s *IOStreams) ColorEnabled() bool {
	switch s.colorMode {
	case ColorAlways:
		return true
	case ColorNever:
		return false
	}
	return s.stdoutTTY && !s.noColor
}

// Palette is the colour scheme for stdout, on or off as ColorEnabled
// decides: built once, the same for every caller.
func (s *IOStreams) Palette() *Palette {
	if s.palette == nil {
		s.palette = NewPalette(s.ColorEnabled())
	}
	return s.palette
}

// ColorMode returns the --color setting in force.
func (s *IOStreams) ColorMode() ColorMode { return s.colorMode }

// TerminalWidth is the width of the terminal on stdout (80 if unknown).
func (s *IOStreams) TerminalWidth() int { return s.width() }

package pipeline

import "fmt"

// The exit statuses a run's problems make, as cmd's table has them.
const (
	ExitOK    = 0 // every event was read
	ExitData  = 1 // the data had problems: lines not JSON, values not events
	ExitInput = 2 // an input could not be read whole
)

// Tally counts the problems of a run, to decide its exit status.
type Tally struct {
	Problems int // problems with the data: events, lines
	Unread   int // inputs that could not be read whole
	Empty    int // inputs that held no event (said, but not a failure)
}

// ExitCode ranks the problems: an input not read whole (2) outranks
// problems with the data (1); an empty input is no failure.
func (t *Tally) ExitCode() int {
	switch {
	case t.Unread > 0:
		return ExitInput
	case t.Problems > 0:
		return ExitData
	}
	return ExitOK
}

// Add adds the counts of o to t.
func (t *Tally) Add(o Tally) {
	t.Problems += o.Problems
	t.Unread += o.Unread
	t.Empty += o.Empty
}

// Err is nil when the run met no failure, and otherwise an error carrying
// the exit status; the problems have been reported already.
func (t *Tally) Err() error {
	if code := t.ExitCode(); code != ExitOK {
		return &ProblemsError{Code: code, Tally: *t}
	}
	return nil
}

// ProblemsError ends a run whose problems were each reported as they were
// met.
type ProblemsError struct {
	Code  int
	Tally Tally
}

func (e *ProblemsError) Error() string {
	return fmt.Sprintf("%d problems with the data, %d inputs not read whole", e.Tally.Problems, e.Tally.Unread)
}

// ExitCode is the status the run ends with.
func (e *ProblemsError) ExitCode() int { return e.Code }

// Reported says the problems were reported already: nothing more to print.
func (e *ProblemsError) Reported() bool { return true }

// UsageError is a selector flag that makes no sense.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// ExitCode is 2: a usage mistake.
func (e *UsageError) ExitCode() int { return ExitInput }

// InputError is standard input that could not be kept for a second reading.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// ExitCode is 2: an input that could not be read.
func (e *InputError) ExitCode() int { return ExitInput }

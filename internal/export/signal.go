package export

import (
	"os"
	"os/signal"
	"syscall"
)

// removeOnSignal removes d's temporary files when the process is
// interrupted or terminated, then ends it as the signal would have, so
// that a shell sees the usual status (130 for Ctrl-C). A broken pipe on
// standard error is ignored: export writes its files whatever becomes of
// the terminal. stop undoes it.
func removeOnSignal(d *outDir) (stop func()) {
	signal.Ignore(syscall.SIGPIPE)
	ch := make(chan os.Signal, 1)
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} {
		// One ignored when csmctl started (nohup, a background job of a
		// script) stays ignored: the run goes on, as the user asked.
		if !signal.Ignored(sig) {
			signal.Notify(ch, sig)
		}
	}
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			d.abort()
			signal.Reset(sig)
			if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
				select {} // the signal ends the process
			}
			os.Exit(130) // where a signal cannot be sent again (Windows)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		signal.Reset(syscall.SIGPIPE)
		close(done)
	}
}

package render

import (
	"fmt"
	"strconv"

	"github.com/csmctl/csmctl/internal/memo"
)

// exitCodeText explains an exit code: Windows NTSTATUS codes, which the
// agent reports as negative 32-bit integers (-1073741510), are also given in
// hex (0xC000013A) with their name when well known; a signal number is named
// when the process was signaled.
func exitCodeText(code int64, cause string) string {
	s := strconv.FormatInt(code, 10)
	if cause == "SIGNALED" || cause == "COREDUMPED" {
		if name, ok := signalNames.Get()[code]; ok {
			return s + " (" + name + ")"
		}
		return s
	}
	var status uint32
	switch {
	case code < 0 && code >= -1<<31:
		status = uint32(int32(code))
	case code > 1<<31-1 && code <= 1<<32-1:
		status = uint32(code)
	default:
		if name, ok := ntStatusNames.Get()[uint32(code)]; ok && code > 0 {
			return s + " (" + name + ")"
		}
		return s
	}
	hex := fmt.Sprintf("0x%08X", status)
	if name, ok := ntStatusNames.Get()[status]; ok {
		return s + " (" + hex + " " + name + ")"
	}
	return s + " (" + hex + ")"
}

// ntStatusNames names the NTSTATUS values processes most often end with.
var ntStatusNames = memo.Value[map[uint32]string]{New: func() map[uint32]string {
	return map[uint32]string{
		0x00000103: "STILL_ACTIVE",
		0x40010004: "DBG_TERMINATE_PROCESS",
		0x80000003: "STATUS_BREAKPOINT",
		0xC0000005: "STATUS_ACCESS_VIOLATION",
		0xC000001D: "STATUS_ILLEGAL_INSTRUCTION",
		0xC0000017: "STATUS_NO_MEMORY",
		0xC0000022: "STATUS_ACCESS_DENIED",
		0xC0000094: "STATUS_INTEGER_DIVIDE_BY_ZERO",
		0xC00000FD: "STATUS_STACK_OVERFLOW",
		0xC0000135: "STATUS_DLL_NOT_FOUND",
		0xC0000139: "STATUS_ENTRYPOINT_NOT_FOUND",
		0xC000013A: "STATUS_CONTROL_C_EXIT",
		0xC0000142: "STATUS_DLL_INIT_FAILED",
		0xC0000374: "STATUS_HEAP_CORRUPTION",
		0xC0000409: "STATUS_STACK_BUFFER_OVERRUN",
		0xC0000602: "STATUS_FAIL_FAST_EXCEPTION",
	}
}}

// signalNames names the Linux signals, for SIGNALED and COREDUMPED exits.
var signalNames = memo.Value[map[int64]string]{New: func() map[int64]string {
	return map[int64]string{
		1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT",
		7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 10: "SIGUSR1", 11: "SIGSEGV", 12: "SIGUSR2",
		13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM", 16: "SIGSTKFLT", 17: "SIGCHLD",
		18: "SIGCONT", 19: "SIGSTOP", 20: "SIGTSTP", 21: "SIGTTIN", 22: "SIGTTOU",
		23: "SIGURG", 24: "SIGXCPU", 25: "SIGXFSZ", 26: "SIGVTALRM", 27: "SIGPROF",
		28: "SIGWINCH", 29: "SIGIO", 30: "SIGPWR", 31: "SIGSYS",
	}
}}

package render

import (
	"strconv"

	"github.com/csmctl/csmctl/internal/memo"
)

// withNote is a value as written followed by its decoded form in
// parentheses, or the value alone when there is nothing to add.
func withNote(written, note string) string {
	if note == "" || note == written {
		return written
	}
	return written + " (" + note + ")"
}

// signalNumbers numbers the Linux signals signalNames names.
var signalNumbers = memo.Value[map[string]int64]{New: func() map[string]int64 { return reverseNames(signalNames.Get()) }}

func reverseNames(names map[int64]string) map[string]int64 {
	numbers := make(map[string]int64, len(names))
	for n, name := range names {
		numbers[name] = n
	}
	return numbers
}

// signalText is a signal as the agent wrote it with its other form beside
// it: "SIGKILL (9)", "9 (SIGKILL)"; anything else as written.
func signalText(written string) string {
	if n, ok := signalNumbers.Get()[written]; ok {
		return withNote(written, strconv.FormatInt(n, 10))
	}
	if n, err := strconv.ParseInt(written, 10, 64); err == nil {
		return withNote(written, signalNames.Get()[n])
	}
	return written
}

// ptraceRequests numbers the ptrace requests (linux/ptrace.h), written in
// hex where the header writes them so.
var ptraceRequests = memo.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"PTRACE_TRACEME": "0", "PTRACE_PEEKTEXT": "1", "PTRACE_PEEKDATA": "2",
		"PTRACE_PEEKUSR": "3", "PTRACE_POKETEXT": "4", "PTRACE_POKEDATA": "5",
		"PTRACE_POKEUSR": "6", "PTRACE_CONT": "7", "PTRACE_KILL": "8",
		"PTRACE_SINGLESTEP": "9", "PTRACE_GETREGS": "12", "PTRACE_SETREGS": "13",
		"PTRACE_GETFPREGS": "14", "PTRACE_SETFPREGS": "15", "PTRACE_ATTACH": "16",
		"PTRACE_DETACH": "17", "PTRACE_GETFPXREGS": "18", "PTRACE_SETFPXREGS": "19",
		"PTRACE_SYSCALL": "24", "PTRACE_SYSEMU": "31", "PTRACE_SYSEMU_SINGLESTEP": "32",
		"PTRACE_SETOPTIONS": "0x4200", "PTRACE_GETEVENTMSG": "0x4201",
		"PTRACE_GETSIGINFO": "0x4202", "PTRACE_SETSIGINFO": "0x4203",
		"PTRACE_GETREGSET": "0x4204", "PTRACE_SETREGSET": "0x4205",
		"PTRACE_SEIZE": "0x4206", "PTRACE_INTERRUPT": "0x4207",
		"PTRACE_LISTEN": "0x4208", "PTRACE_PEEKSIGINFO": "0x4209",
	}
}}

// ptraceRequestText is a ptrace request as written with its number beside
// it: "PTRACE_ATTACH (16)".
func ptraceRequestText(written string) string {
	return withNote(written, ptraceRequests.Get()[written])
}

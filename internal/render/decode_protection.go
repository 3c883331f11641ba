package render

import "strings"

// protectionText is a memory protection as the agent writes it, flags
// joined with " | " (PROT_READ | PROT_EXEC for mmap, VM_READ | VM_MAYWRITE
// … for mprotect), with the access it grants beside it: "r-x".
func protectionText(written string) string {
	return withNote(written, protectionAccess(written))
}

// protectionAccess is the access a protection grants, as ls writes
// permissions: "r-x". Flags that grant no access (VM_MAY*, VM_SHARED) are
// left out; it is "" when csmctl knows none of the flags.
func protectionAccess(written string) string {
	access := [3]byte{'-', '-', '-'}
	known := false
	for flag := range strings.SplitSeq(written, "|") {
		switch strings.TrimSpace(flag) {
		case "PROT_READ", "VM_READ":
			access[0] = 'r'
		case "PROT_WRITE", "VM_WRITE":
			access[1] = 'w'
		case "PROT_EXEC", "VM_EXEC":
			access[2] = 'x'
		case "PROT_NONE", "VM_NONE", "VM_MAYREAD", "VM_MAYWRITE", "VM_MAYEXEC", "VM_MAYSHARE", "VM_SHARED":
		default:
			continue
		}
		known = true
	}
	if !known {
		return ""
	}
	return string(access[:])
}

package secl

import "github.com/csmctl/csmctl/internal/memo"

// The agent's constants, by family, with the Linux (x86-64) values the agent
// compares with. Each family is a table of its own so that a test can check
// it; lookupConstant searches them all.

// constantFamily is one table of constants.
// Its table is built on first use, not when csmctl starts: only hunt
// reads constants, and every run would pay for building them all.
type constantFamily struct {
	name  string
	ints  *memo.Value[map[string]int64]
	strs  *memo.Value[map[string]string]
	bools *memo.Value[map[string]bool]
}

var boolConstants = memo.Value[map[string]bool]{New: func() map[string]bool { return map[string]bool{"true": true, "false": false} }}

var signalConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGILL": 4, "SIGTRAP": 5, "SIGABRT": 6, "SIGIOT": 6,
		"SIGBUS": 7, "SIGFPE": 8, "SIGKILL": 9, "SIGUSR1": 10, "SIGSEGV": 11, "SIGUSR2": 12,
		"SIGPIPE": 13, "SIGALRM": 14, "SIGTERM": 15, "SIGSTKFLT": 16, "SIGCHLD": 17, "SIGCONT": 18,
		"SIGSTOP": 19, "SIGTSTP": 20, "SIGTTIN": 21, "SIGTTOU": 22, "SIGURG": 23, "SIGXCPU": 24,
		"SIGXFSZ": 25, "SIGVTALRM": 26, "SIGPROF": 27, "SIGWINCH": 28, "SIGIO": 29, "SIGPOLL": 29,
		"SIGPWR": 30, "SIGSYS": 31,
	}
}}

var ptraceConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"PTRACE_TRACEME": 0, "PTRACE_PEEKTEXT": 1, "PTRACE_PEEKDATA": 2, "PTRACE_PEEKUSR": 3,
		"PTRACE_POKETEXT": 4, "PTRACE_POKEDATA": 5, "PTRACE_POKEUSR": 6, "PTRACE_CONT": 7,
		"PTRACE_KILL": 8, "PTRACE_SINGLESTEP": 9, "PTRACE_GETREGS": 12, "PTRACE_SETREGS": 13,
		"PTRACE_GETFPREGS": 14, "PTRACE_SETFPREGS": 15, "PTRACE_ATTACH": 16, "PTRACE_DETACH": 17,
		"PTRACE_GETFPXREGS": 18, "PTRACE_SETFPXREGS": 19, "PTRACE_SYSCALL": 24,
		"PTRACE_ARCH_PRCTL": 30, "PTRACE_SYSEMU": 31, "PTRACE_SYSEMU_SINGLESTEP": 32,
		"PTRACE_SINGLEBLOCK": 33, "PTRACE_SETOPTIONS": 0x4200, "PTRACE_GETEVENTMSG": 0x4201,
		"PTRACE_GETSIGINFO": 0x4202, "PTRACE_SETSIGINFO": 0x4203, "PTRACE_GETREGSET": 0x4204,
		"PTRACE_SETREGSET": 0x4205, "PTRACE_SEIZE": 0x4206, "PTRACE_INTERRUPT": 0x4207,
		"PTRACE_LISTEN": 0x4208, "PTRACE_PEEKSIGINFO": 0x4209, "PTRACE_GETSIGMASK": 0x420a,
		"PTRACE_SETSIGMASK": 0x420b, "PTRACE_SECCOMP_GET_FILTER": 0x420c,
		"PTRACE_SECCOMP_GET_METADATA": 0x420d, "PTRACE_GET_SYSCALL_INFO": 0x420e,
	}
}}

var bpfCmdConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"BPF_MAP_CREATE": 0, "BPF_MAP_LOOKUP_ELEM": 1, "BPF_MAP_UPDATE_ELEM": 2, "BPF_MAP_DELETE_ELEM": 3,
		"BPF_MAP_GET_NEXT_KEY": 4, "BPF_PROG_LOAD": 5, "BPF_OBJ_PIN": 6, "BPF_OBJ_GET": 7,
		"BPF_PROG_ATTACH": 8, "BPF_PROG_DETACH": 9, "BPF_PROG_TEST_RUN": 10, "BPF_PROG_RUN": 10, "BPF_PROG_GET_NEXT_ID": 11,
		"BPF_MAP_GET_NEXT_ID": 12, "BPF_PROG_GET_FD_BY_ID": 13, "BPF_MAP_GET_FD_BY_ID": 14,
		"BPF_OBJ_GET_INFO_BY_FD": 15, "BPF_PROG_QUERY": 16, "BPF_RAW_TRACEPOINT_OPEN": 17,
		"BPF_BTF_LOAD": 18, "BPF_BTF_GET_FD_BY_ID": 19, "BPF_TASK_FD_QUERY": 20,
		"BPF_MAP_LOOKUP_AND_DELETE_ELEM": 21, "BPF_MAP_FREEZE": 22, "BPF_BTF_GET_NEXT_ID": 23,
		"BPF_MAP_LOOKUP_BATCH": 24, "BPF_MAP_LOOKUP_AND_DELETE_BATCH": 25, "BPF_MAP_UPDATE_BATCH": 26,
		"BPF_MAP_DELETE_BATCH": 27, "BPF_LINK_CREATE": 28, "BPF_LINK_UPDATE": 29,
		"BPF_LINK_GET_FD_BY_ID": 30, "BPF_LINK_GET_NEXT_ID": 31, "BPF_ENABLE_STATS": 32,
		"BPF_ITER_CREATE": 33, "BPF_LINK_DETACH": 34, "BPF_PROG_BIND_MAP": 35,
	}
}}

var bpfMapTypeConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"BPF_MAP_TYPE_UNSPEC": 0, "BPF_MAP_TYPE_HASH": 1, "BPF_MAP_TYPE_ARRAY": 2,
		"BPF_MAP_TYPE_PROG_ARRAY": 3, "BPF_MAP_TYPE_PERF_EVENT_ARRAY": 4, "BPF_MAP_TYPE_PERCPU_HASH": 5,
		"BPF_MAP_TYPE_PERCPU_ARRAY": 6, "BPF_MAP_TYPE_STACK_TRACE": 7, "BPF_MAP_TYPE_CGROUP_ARRAY": 8,
		"BPF_MAP_TYPE_LRU_HASH": 9, "BPF_MAP_TYPE_LRU_PERCPU_HASH": 10, "BPF_MAP_TYPE_LPM_TRIE": 11,
		"BPF_MAP_TYPE_ARRAY_OF_MAPS": 12, "BPF_MAP_TYPE_HASH_OF_MAPS": 13, "BPF_MAP_TYPE_DEVMAP": 14,
		"BPF_MAP_TYPE_SOCKMAP": 15, "BPF_MAP_TYPE_CPUMAP": 16, "BPF_MAP_TYPE_XSKMAP": 17,
		"BPF_MAP_TYPE_SOCKHASH": 18, "BPF_MAP_TYPE_CGROUP_STORAGE": 19,
		"BPF_MAP_TYPE_REUSEPORT_SOCKARRAY": 20, "BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE": 21,
		"BPF_MAP_TYPE_QUEUE": 22, "BPF_MAP_TYPE_STACK": 23, "BPF_MAP_TYPE_SK_STORAGE": 24,
		"BPF_MAP_TYPE_DEVMAP_HASH": 25, "BPF_MAP_TYPE_STRUCT_OPS": 26, "BPF_MAP_TYPE_RINGBUF": 27,
		"BPF_MAP_TYPE_INODE_STORAGE": 28, "BPF_MAP_TYPE_TASK_STORAGE": 29,
	}
}}

var bpfProgTypeConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"BPF_PROG_TYPE_UNSPEC": 0, "BPF_PROG_TYPE_SOCKET_FILTER": 1, "BPF_PROG_TYPE_KPROBE": 2,
		"BPF_PROG_TYPE_SCHED_CLS": 3, "BPF_PROG_TYPE_SCHED_ACT": 4, "BPF_PROG_TYPE_TRACEPOINT": 5,
		"BPF_PROG_TYPE_XDP": 6, "BPF_PROG_TYPE_PERF_EVENT": 7, "BPF_PROG_TYPE_CGROUP_SKB": 8,
		"BPF_PROG_TYPE_CGROUP_SOCK": 9, "BPF_PROG_TYPE_LWT_IN": 10, "BPF_PROG_TYPE_LWT_OUT": 11,
		"BPF_PROG_TYPE_LWT_XMIT": 12, "BPF_PROG_TYPE_SOCK_OPS": 13, "BPF_PROG_TYPE_SK_SKB": 14,
		"BPF_PROG_TYPE_CGROUP_DEVICE": 15, "BPF_PROG_TYPE_SK_MSG": 16, "BPF_PROG_TYPE_RAW_TRACEPOINT": 17,
		"BPF_PROG_TYPE_CGROUP_SOCK_ADDR": 18, "BPF_PROG_TYPE_LWT_SEG6LOCAL": 19,
		"BPF_PROG_TYPE_LIRC_MODE2": 20, "BPF_PROG_TYPE_SK_REUSEPORT": 21,
		"BPF_PROG_TYPE_FLOW_DISSECTOR": 22, "BPF_PROG_TYPE_CGROUP_SYSCTL": 23,
		"BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE": 24, "BPF_PROG_TYPE_CGROUP_SOCKOPT": 25,
		"BPF_PROG_TYPE_TRACING": 26, "BPF_PROG_TYPE_STRUCT_OPS": 27, "BPF_PROG_TYPE_EXT": 28,
		"BPF_PROG_TYPE_LSM": 29, "BPF_PROG_TYPE_SK_LOOKUP": 30,
	}
}}

// openFlagConstants are the agent's open flags: O_LARGEFILE, O_PATH and
// O_TMPFILE are not among them.
var openFlagConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"O_RDONLY": 0, "O_WRONLY": 1, "O_RDWR": 2, "O_ACCMODE": 3, "O_CREAT": 0x40, "O_EXCL": 0x80,
		"O_NOCTTY": 0x100, "O_TRUNC": 0x200, "O_APPEND": 0x400, "O_NONBLOCK": 0x800, "O_NDELAY": 0x800,
		"O_DSYNC": 0x1000, "O_ASYNC": 0x2000, "O_DIRECT": 0x4000, "O_DIRECTORY": 0x10000,
		"O_NOFOLLOW": 0x20000, "O_NOATIME": 0x40000, "O_CLOEXEC": 0x80000, "O_SYNC": 0x101000,
		"O_FSYNC": 0x101000, "O_RSYNC": 0x101000,
	}
}}

var fileModeConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"S_IFMT": 0o170000, "S_IFSOCK": 0o140000, "S_IFLNK": 0o120000, "S_IFREG": 0o100000,
		"S_IFBLK": 0o60000, "S_IFDIR": 0o40000, "S_IFCHR": 0o20000, "S_IFIFO": 0o10000,
		"S_ISUID": 0o4000, "S_ISGID": 0o2000, "S_ISVTX": 0o1000,
		"S_IRWXU": 0o700, "S_IRUSR": 0o400, "S_IWUSR": 0o200, "S_IXUSR": 0o100,
		"S_IRWXG": 0o70, "S_IRGRP": 0o40, "S_IWGRP": 0o20, "S_IXGRP": 0o10,
		"S_IRWXO": 0o7, "S_IROTH": 0o4, "S_IWOTH": 0o2, "S_IXOTH": 0o1,
	}
}}

var addressFamilyConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"AF_UNSPEC": 0, "AF_UNIX": 1, "AF_LOCAL": 1, "AF_FILE": 1, "AF_INET": 2, "AF_AX25": 3, "AF_IPX": 4,
		"AF_APPLETALK": 5, "AF_NETROM": 6, "AF_BRIDGE": 7, "AF_ATMPVC": 8, "AF_X25": 9, "AF_INET6": 10,
		"AF_ROSE": 11, "AF_DECnet": 12, "AF_NETBEUI": 13, "AF_SECURITY": 14, "AF_KEY": 15,
		"AF_NETLINK": 16, "AF_ROUTE": 16, "AF_PACKET": 17, "AF_ASH": 18, "AF_ECONET": 19, "AF_ATMSVC": 20, "AF_RDS": 21,
		"AF_SNA": 22, "AF_IRDA": 23, "AF_PPPOX": 24, "AF_WANPIPE": 25, "AF_LLC": 26, "AF_IB": 27,
		"AF_MPLS": 28, "AF_CAN": 29, "AF_TIPC": 30, "AF_BLUETOOTH": 31, "AF_IUCV": 32, "AF_RXRPC": 33,
		"AF_ISDN": 34, "AF_PHONET": 35, "AF_IEEE802154": 36, "AF_CAIF": 37, "AF_ALG": 38, "AF_NFC": 39,
		"AF_VSOCK": 40, "AF_KCM": 41, "AF_QIPCRTR": 42, "AF_SMC": 43, "AF_XDP": 44,
	}
}}

var dnsQTypeConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"None": 0, "A": 1, "NS": 2, "MD": 3, "MF": 4, "CNAME": 5, "SOA": 6, "MB": 7, "MG": 8, "MR": 9,
		"NULL": 10, "PTR": 12, "HINFO": 13, "MINFO": 14, "MX": 15, "TXT": 16, "RP": 17, "AFSDB": 18,
		"X25": 19, "ISDN": 20, "RT": 21, "NSAPPTR": 23, "SIG": 24, "KEY": 25, "PX": 26, "GPOS": 27,
		"AAAA": 28, "LOC": 29, "NXT": 30, "EID": 31, "NIMLOC": 32, "SRV": 33, "ATMA": 34, "NAPTR": 35,
		"KX": 36, "CERT": 37, "DNAME": 39, "OPT": 41, "APL": 42, "DS": 43, "SSHFP": 44, "RRSIG": 46,
		"NSEC": 47, "DNSKEY": 48, "DHCID": 49, "NSEC3": 50, "NSEC3PARAM": 51, "TLSA": 52, "SMIMEA": 53,
		"HIP": 55, "NINFO": 56, "RKEY": 57, "TALINK": 58, "CDS": 59, "CDNSKEY": 60, "OPENPGPKEY": 61,
		"CSYNC": 62, "ZONEMD": 63, "SVCB": 64, "HTTPS": 65, "SPF": 99, "UINFO": 100, "UID": 101,
		"GID": 102, "UNSPEC": 103, "NID": 104, "L32": 105, "L64": 106, "LP": 107, "EUI48": 108,
		"EUI64": 109, "URI": 256, "CAA": 257, "AVC": 258, "TKEY": 249, "TSIG": 250, "IXFR": 251,
		"AXFR": 252, "MAILB": 253, "MAILA": 254, "ANY": 255, "TA": 32768, "DLV": 32769, "Reserved": 65535,
	}
}}

var dnsClassConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"CLASS_INET": 1, "CLASS_CSNET": 2, "CLASS_CHAOS": 3, "CLASS_HESIOD": 4, "CLASS_NONE": 254,
		"CLASS_ANY": 255,
	}
}}

var mmapFlagConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"MAP_SHARED": 0x1, "MAP_PRIVATE": 0x2, "MAP_SHARED_VALIDATE": 0x3, "MAP_FIXED": 0x10,
		"MAP_ANON": 0x20, "MAP_ANONYMOUS": 0x20, "MAP_32BIT": 0x40, "MAP_GROWSDOWN": 0x100,
		"MAP_DENYWRITE": 0x800, "MAP_EXECUTABLE": 0x1000, "MAP_LOCKED": 0x2000, "MAP_NORESERVE": 0x4000,
		"MAP_POPULATE": 0x8000, "MAP_NONBLOCK": 0x10000, "MAP_STACK": 0x20000, "MAP_HUGETLB": 0x40000,
		"MAP_SYNC": 0x80000, "MAP_FIXED_NOREPLACE": 0x100000, "MAP_UNINITIALIZED": 0x4000000,
		"MAP_HUGE_16KB": 14 << 26, "MAP_HUGE_64KB": 16 << 26, "MAP_HUGE_512KB": 19 << 26,
		"MAP_HUGE_1MB": 20 << 26, "MAP_HUGE_2MB": 21 << 26, "MAP_HUGE_8MB": 23 << 26,
		"MAP_HUGE_16MB": 24 << 26, "MAP_HUGE_32MB": 25 << 26, "MAP_HUGE_256MB": 28 << 26,
		"MAP_HUGE_512MB": 29 << 26, "MAP_HUGE_1GB": 30 << 26, "MAP_HUGE_2GB": 31 << 26,
		"MAP_HUGE_16GB": 34 << 26,
	}
}}

var protectionConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"PROT_NONE": 0, "PROT_READ": 0x1, "PROT_WRITE": 0x2, "PROT_EXEC": 0x4,
		"PROT_GROWSDOWN": 0x01000000, "PROT_GROWSUP": 0x02000000,
	}
}}

var vmFlagConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"VM_NONE": 0, "VM_READ": 0x1, "VM_WRITE": 0x2, "VM_EXEC": 0x4, "VM_SHARED": 0x8,
		"VM_MAYREAD": 0x10, "VM_MAYWRITE": 0x20, "VM_MAYEXEC": 0x40, "VM_MAYSHARE": 0x80,
		"VM_GROWSDOWN": 0x100, "VM_UFFD_MISSING": 0x200, "VM_PFNMAP": 0x400, "VM_UFFD_WP": 0x1000,
		"VM_LOCKED": 0x2000, "VM_IO": 0x4000, "VM_SEQ_READ": 0x8000, "VM_RAND_READ": 0x10000,
		"VM_DONTCOPY": 0x20000, "VM_DONTEXPAND": 0x40000, "VM_LOCKONFAULT": 0x80000,
		"VM_ACCOUNT": 0x100000, "VM_NORESERVE": 0x200000, "VM_HUGETLB": 0x400000, "VM_SYNC": 0x800000,
		"VM_ARCH_1": 0x1000000, "VM_WIPEONFORK": 0x2000000, "VM_DONTDUMP": 0x4000000,
		"VM_SOFTDIRTY": 0x8000000, "VM_MIXEDMAP": 0x10000000, "VM_HUGEPAGE": 0x20000000,
		"VM_NOHUGEPAGE": 0x40000000, "VM_MERGEABLE": 0x80000000,
	}
}}

// kernelCapabilityConstants are bit masks (1 << the capability's number),
// as the agent compares capability sets.
var kernelCapabilityConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	names := []string{"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
		"CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
		"CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
		"CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
		"CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
		"CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
		"CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
		"CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
		"CAP_CHECKPOINT_RESTORE"}
	m := make(map[string]int64, len(names))
	for i, n := range names {
		m[n] = 1 << i
	}
	return m
}}

var prctlOptionConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"PR_SET_PDEATHSIG": 1, "PR_GET_PDEATHSIG": 2, "PR_GET_DUMPABLE": 3, "PR_SET_DUMPABLE": 4,
		"PR_GET_UNALIGN": 5, "PR_SET_UNALIGN": 6, "PR_GET_KEEPCAPS": 7, "PR_SET_KEEPCAPS": 8,
		"PR_GET_FPEMU": 9, "PR_SET_FPEMU": 10, "PR_GET_FPEXC": 11, "PR_SET_FPEXC": 12,
		"PR_GET_TIMING": 13, "PR_SET_TIMING": 14, "PR_SET_NAME": 15, "PR_GET_NAME": 16,
		"PR_GET_ENDIAN": 19, "PR_SET_ENDIAN": 20, "PR_GET_SECCOMP": 21, "PR_SET_SECCOMP": 22,
		"PR_CAPBSET_READ": 23, "PR_CAPBSET_DROP": 24, "PR_GET_TSC": 25, "PR_SET_TSC": 26,
		"PR_GET_SECUREBITS": 27, "PR_SET_SECUREBITS": 28, "PR_SET_TIMERSLACK": 29,
		"PR_GET_TIMERSLACK": 30, "PR_TASK_PERF_EVENTS_DISABLE": 31, "PR_TASK_PERF_EVENTS_ENABLE": 32,
		"PR_MCE_KILL": 33, "PR_MCE_KILL_GET": 34, "PR_SET_MM": 35, "PR_SET_CHILD_SUBREAPER": 36,
		"PR_GET_CHILD_SUBREAPER": 37, "PR_SET_NO_NEW_PRIVS": 38, "PR_GET_NO_NEW_PRIVS": 39,
		"PR_GET_TID_ADDRESS": 40, "PR_SET_THP_DISABLE": 41, "PR_GET_THP_DISABLE": 42,
		"PR_SET_FP_MODE": 45, "PR_GET_FP_MODE": 46, "PR_CAP_AMBIENT": 47, "PR_SET_PTRACER": 0x59616d61,
	}
}}

// socketOptionConstants are the SOL_SOCKET options of setsockopt.
var socketOptionConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"SO_DEBUG": 1, "SO_REUSEADDR": 2, "SO_TYPE": 3, "SO_ERROR": 4, "SO_DONTROUTE": 5,
		"SO_BROADCAST": 6, "SO_SNDBUF": 7, "SO_RCVBUF": 8, "SO_KEEPALIVE": 9, "SO_OOBINLINE": 10,
		"SO_NO_CHECK": 11, "SO_PRIORITY": 12, "SO_LINGER": 13, "SO_BSDCOMPAT": 14, "SO_REUSEPORT": 15,
		"SO_PASSCRED": 16, "SO_PEERCRED": 17, "SO_RCVLOWAT": 18, "SO_SNDLOWAT": 19,
		"SO_RCVTIMEO_OLD": 20, "SO_SNDTIMEO_OLD": 21, "SO_SECURITY_AUTHENTICATION": 22,
		"SO_SECURITY_ENCRYPTION_TRANSPORT": 23, "SO_SECURITY_ENCRYPTION_NETWORK": 24,
		"SO_BINDTODEVICE": 25, "SO_ATTACH_FILTER": 26, "SO_DETACH_FILTER": 27, "SO_PEERNAME": 28,
		"SO_TIMESTAMP_OLD": 29, "SO_ACCEPTCONN": 30, "SO_PEERSEC": 31, "SO_SNDBUFFORCE": 32,
		"SO_RCVBUFFORCE": 33, "SO_PASSSEC": 34, "SO_TIMESTAMPNS_OLD": 35, "SO_MARK": 36,
		"SO_TIMESTAMPING_OLD": 37, "SO_PROTOCOL": 38, "SO_DOMAIN": 39, "SO_RXQ_OVFL": 40,
		"SO_WIFI_STATUS": 41, "SO_PEEK_OFF": 42, "SO_NOFCS": 43, "SO_LOCK_FILTER": 44,
		"SO_SELECT_ERR_QUEUE": 45, "SO_BUSY_POLL": 46, "SO_MAX_PACING_RATE": 47,
		"SO_BPF_EXTENSIONS": 48, "SO_INCOMING_CPU": 49, "SO_ATTACH_BPF": 50,
		"SO_ATTACH_REUSEPORT_CBPF": 51, "SO_ATTACH_REUSEPORT_EBPF": 52, "SO_CNX_ADVICE": 53,
		"SCM_TIMESTAMPING_OPT_STATS": 54, "SO_MEMINFO": 55, "SO_INCOMING_NAPI_ID": 56, "SO_COOKIE": 57,
		"SCM_TIMESTAMPING_PKTINFO": 58, "SO_PEERGROUPS": 59, "SO_ZEROCOPY": 60, "SO_TXTIME": 61,
		"SO_BINDTOIFINDEX": 62, "SO_TIMESTAMP_NEW": 63, "SO_TIMESTAMPNS_NEW": 64,
		"SO_TIMESTAMPING_NEW": 65, "SO_RCVTIMEO_NEW": 66, "SO_SNDTIMEO_NEW": 67,
		"SO_DETACH_REUSEPORT_BPF": 68, "SO_PREFER_BUSY_POLL": 69, "SO_BUSY_POLL_BUDGET": 70,
		"SO_NETNS_COOKIE": 71, "SO_BUF_LOCK": 72, "SO_RESERVE_MEM": 73, "SO_TXREHASH": 74,
		"SO_RCVMARK": 75, "SO_PASSPIDFD": 76, "SO_PEERPIDFD": 77, "SO_DEVMEM_LINEAR": 78,
		"SO_DEVMEM_DMABUF": 79, "SO_DEVMEM_DONTNEED": 80, "SCM_TS_OPT_ID": 81, "SO_RCVPRIORITY": 82,
	}
}}

// ipOptionConstants are the IPPROTO_IP options of setsockopt.
var ipOptionConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"IP_TOS": 1, "IP_TTL": 2, "IP_HDRINCL": 3, "IP_OPTIONS": 4, "IP_ROUTER_ALERT": 5,
		"IP_RECVOPTS": 6, "IP_RETOPTS": 7, "IP_PKTINFO": 8, "IP_PKTOPTIONS": 9, "IP_MTU_DISCOVER": 10,
		"IP_RECVERR": 11, "IP_RECVTTL": 12, "IP_RECVTOS": 13, "IP_MTU": 14, "IP_FREEBIND": 15,
		"IP_IPSEC_POLICY": 16, "IP_XFRM_POLICY": 17, "IP_PASSSEC": 18, "IP_TRANSPARENT": 19,
		"IP_ORIGDSTADDR": 20, "IP_MINTTL": 21, "IP_NODEFRAG": 22, "IP_CHECKSUM": 23,
		"IP_BIND_ADDRESS_NO_PORT": 24, "IP_RECVFRAGSIZE": 25, "IP_RECVERR_RFC4884": 26,
		"IP_MULTICAST_IF": 32, "IP_MULTICAST_TTL": 33, "IP_MULTICAST_LOOP": 34,
		"IP_ADD_MEMBERSHIP": 35, "IP_DROP_MEMBERSHIP": 36, "IP_UNBLOCK_SOURCE": 37,
		"IP_BLOCK_SOURCE": 38, "IP_ADD_SOURCE_MEMBERSHIP": 39, "IP_DROP_SOURCE_MEMBERSHIP": 40,
		"IP_MSFILTER": 41, "MCAST_JOIN_GROUP": 42, "MCAST_BLOCK_SOURCE": 43, "MCAST_UNBLOCK_SOURCE": 44,
		"MCAST_LEAVE_GROUP": 45, "MCAST_JOIN_SOURCE_GROUP": 46, "MCAST_LEAVE_SOURCE_GROUP": 47,
		"MCAST_MSFILTER": 48, "IP_MULTICAST_ALL": 49, "IP_UNICAST_IF": 50,
	}
}}

// tcpOptionConstants are the IPPROTO_TCP options of setsockopt.
var tcpOptionConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"TCP_NODELAY": 1, "TCP_MAXSEG": 2, "TCP_CORK": 3, "TCP_KEEPIDLE": 4, "TCP_KEEPINTVL": 5,
		"TCP_KEEPCNT": 6, "TCP_SYNCNT": 7, "TCP_LINGER2": 8, "TCP_DEFER_ACCEPT": 9,
		"TCP_WINDOW_CLAMP": 10, "TCP_INFO": 11, "TCP_QUICKACK": 12, "TCP_CONGESTION": 13,
		"TCP_MD5SIG": 14, "TCP_THIN_LINEAR_TIMEOUTS": 16, "TCP_THIN_DUPACK": 17,
		"TCP_USER_TIMEOUT": 18, "TCP_REPAIR": 19, "TCP_REPAIR_QUEUE": 20, "TCP_QUEUE_SEQ": 21,
		"TCP_REPAIR_OPTIONS": 22, "TCP_FASTOPEN": 23, "TCP_TIMESTAMP": 24, "TCP_NOTSENT_LOWAT": 25,
		"TCP_CC_INFO": 26, "TCP_SAVE_SYN": 27, "TCP_SAVED_SYN": 28, "TCP_REPAIR_WINDOW": 29,
		"TCP_FASTOPEN_CONNECT": 30, "TCP_ULP": 31, "TCP_MD5SIG_EXT": 32, "TCP_FASTOPEN_KEY": 33,
		"TCP_FASTOPEN_NO_COOKIE": 34, "TCP_ZEROCOPY_RECEIVE": 35, "TCP_INQ": 36, "TCP_TX_DELAY": 37,
	}
}}

// ipv6OptionConstants are the IPPROTO_IPV6 options of setsockopt.
var ipv6OptionConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"IPV6_ADDRFORM": 1, "IPV6_2292PKTINFO": 2, "IPV6_2292HOPOPTS": 3, "IPV6_2292DSTOPTS": 4,
		"IPV6_2292RTHDR": 5, "IPV6_2292PKTOPTIONS": 6, "IPV6_2292HOPLIMIT": 8, "IPV6_FLOWINFO": 11,
		"IPV6_UNICAST_HOPS": 16, "IPV6_MULTICAST_IF": 17, "IPV6_MULTICAST_HOPS": 18,
		"IPV6_MULTICAST_LOOP": 19, "IPV6_ADD_MEMBERSHIP": 20, "IPV6_DROP_MEMBERSHIP": 21,
		"IPV6_ROUTER_ALERT": 22, "IPV6_MTU_DISCOVER": 23, "IPV6_MTU": 24, "IPV6_RECVERR": 25,
		"IPV6_V6ONLY": 26, "IPV6_JOIN_ANYCAST": 27, "IPV6_LEAVE_ANYCAST": 28, "IPV6_MULTICAST_ALL": 29,
		"IPV6_ROUTER_ALERT_ISOLATE": 30, "IPV6_RECVERR_RFC4884": 31, "IPV6_FLOWLABEL_MGR": 32,
		"IPV6_FLOWINFO_SEND": 33, "IPV6_IPSEC_POLICY": 34, "IPV6_XFRM_POLICY": 35, "IPV6_HDRINCL": 36,
		"IPV6_RECVPKTINFO": 49, "IPV6_PKTINFO": 50, "IPV6_RECVHOPLIMIT": 51, "IPV6_HOPLIMIT": 52,
		"IPV6_RECVHOPOPTS": 53, "IPV6_HOPOPTS": 54, "IPV6_RTHDRDSTOPTS": 55, "IPV6_RECVRTHDR": 56,
		"IPV6_RTHDR": 57, "IPV6_RECVDSTOPTS": 58, "IPV6_DSTOPTS": 59, "IPV6_RECVPATHMTU": 60,
		"IPV6_PATHMTU": 61, "IPV6_DONTFRAG": 62, "IPV6_RECVTCLASS": 66, "IPV6_TCLASS": 67,
		"IPV6_AUTOFLOWLABEL": 70, "IPV6_ADDR_PREFERENCES": 72, "IPV6_MINHOPCOUNT": 73,
		"IPV6_ORIGDSTADDR": 74, "IPV6_TRANSPARENT": 75, "IPV6_UNICAST_IF": 76, "IPV6_RECVFRAGSIZE": 77,
		"IPV6_FREEBIND": 78,
	}
}}

// sockoptLevelConstants are the levels of setsockopt.
var sockoptLevelConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"IPPROTO_IP": 0, "SOL_SOCKET": 1, "IPPROTO_TCP": 6, "IPPROTO_UDP": 17, "IPPROTO_IPV6": 41,
		"IPPROTO_ICMPV6": 58,
	}
}}

var socketTypeConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"SOCK_STREAM": 1, "SOCK_DGRAM": 2, "SOCK_RAW": 3, "SOCK_RDM": 4, "SOCK_SEQPACKET": 5,
		"SOCK_DCCP": 6, "SOCK_PACKET": 10,
	}
}}

var rlimitConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"RLIMIT_CPU": 0, "RLIMIT_FSIZE": 1, "RLIMIT_DATA": 2, "RLIMIT_STACK": 3, "RLIMIT_CORE": 4,
		"RLIMIT_RSS": 5, "RLIMIT_NPROC": 6, "RLIMIT_NOFILE": 7, "RLIMIT_MEMLOCK": 8, "RLIMIT_AS": 9,
		"RLIMIT_LOCKS": 10, "RLIMIT_SIGPENDING": 11, "RLIMIT_MSGQUEUE": 12, "RLIMIT_NICE": 13,
		"RLIMIT_RTPRIO": 14, "RLIMIT_RTTIME": 15,
	}
}}

// errorConstants are return values: the negated errno. As in the agent,
// EILSEQ has EIDRM's value.
var errorConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	m := map[string]int64{
		"EPERM": 1, "ENOENT": 2, "ESRCH": 3, "EINTR": 4, "EIO": 5, "ENXIO": 6, "E2BIG": 7,
		"ENOEXEC": 8, "EBADF": 9, "ECHILD": 10, "EAGAIN": 11, "EWOULDBLOCK": 11, "ENOMEM": 12,
		"EACCES": 13, "EFAULT": 14, "ENOTBLK": 15, "EBUSY": 16, "EEXIST": 17, "EXDEV": 18,
		"ENODEV": 19, "ENOTDIR": 20, "EISDIR": 21, "EINVAL": 22, "ENFILE": 23, "EMFILE": 24,
		"ENOTTY": 25, "ETXTBSY": 26, "EFBIG": 27, "ENOSPC": 28, "ESPIPE": 29, "EROFS": 30,
		"EMLINK": 31, "EPIPE": 32, "EDOM": 33, "ERANGE": 34, "EDEADLK": 35, "EDEADLOCK": 35,
		"ENAMETOOLONG": 36, "ENOLCK": 37, "ENOSYS": 38, "ENOTEMPTY": 39, "ELOOP": 40, "ENOMSG": 42,
		"EIDRM": 43, "EILSEQ": 43, "ECHRNG": 44, "EL2NSYNC": 45, "EL3HLT": 46, "EL3RST": 47,
		"ELNRNG": 48, "EUNATCH": 49, "ENOCSI": 50, "EL2HLT": 51, "EBADE": 52, "EBADR": 53,
		"EXFULL": 54, "ENOANO": 55, "EBADRQC": 56, "EBADSLT": 57, "EBFONT": 59, "ENOSTR": 60,
		"ENODATA": 61, "ETIME": 62, "ENOSR": 63, "ENONET": 64, "ENOPKG": 65, "EREMOTE": 66,
		"ENOLINK": 67, "EADV": 68, "ESRMNT": 69, "ECOMM": 70, "EPROTO": 71, "EMULTIHOP": 72,
		"EDOTDOT": 73, "EBADMSG": 74, "EOVERFLOW": 75, "ENOTUNIQ": 76, "EBADFD": 77, "EREMCHG": 78,
		"ELIBACC": 79, "ELIBBAD": 80, "ELIBSCN": 81, "ELIBMAX": 82, "ELIBEXEC": 83, "ERESTART": 85,
		"ESTRPIPE": 86, "EUSERS": 87, "ENOTSOCK": 88, "EDESTADDRREQ": 89, "EMSGSIZE": 90,
		"EPROTOTYPE": 91, "ENOPROTOOPT": 92, "EPROTONOSUPPORT": 93, "ESOCKTNOSUPPORT": 94,
		"EOPNOTSUPP": 95, "ENOTSUP": 95, "EPFNOSUPPORT": 96, "EAFNOSUPPORT": 97, "EADDRINUSE": 98,
		"EADDRNOTAVAIL": 99, "ENETDOWN": 100, "ENETUNREACH": 101, "ENETRESET": 102,
		"ECONNABORTED": 103, "ECONNRESET": 104, "ENOBUFS": 105, "EISCONN": 106, "ENOTCONN": 107,
		"ESHUTDOWN": 108, "ETOOMANYREFS": 109, "ETIMEDOUT": 110, "ECONNREFUSED": 111,
		"EHOSTDOWN": 112, "EHOSTUNREACH": 113, "EALREADY": 114, "EINPROGRESS": 115, "ESTALE": 116,
		"EUCLEAN": 117, "ENOTNAM": 118, "ENAVAIL": 119, "EISNAM": 120, "EREMOTEIO": 121,
		"EDQUOT": 122, "ENOMEDIUM": 123, "EMEDIUMTYPE": 124, "ECANCELED": 125, "ENOKEY": 126,
		"EKEYEXPIRED": 127, "EKEYREVOKED": 128, "EKEYREJECTED": 129, "EOWNERDEAD": 130,
		"ENOTRECOVERABLE": 131, "ERFKILL": 132,
	}
	for k, v := range m {
		m[k] = -v
	}
	return m
}}

// bpfAttachTypeConstants follow the kernel's enum bpf_attach_type.
var bpfAttachTypeConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return sequence(0,
		"BPF_CGROUP_INET_INGRESS", "BPF_CGROUP_INET_EGRESS", "BPF_CGROUP_INET_SOCK_CREATE",
		"BPF_CGROUP_SOCK_OPS", "BPF_SK_SKB_STREAM_PARSER", "BPF_SK_SKB_STREAM_VERDICT",
		"BPF_CGROUP_DEVICE", "BPF_SK_MSG_VERDICT", "BPF_CGROUP_INET4_BIND", "BPF_CGROUP_INET6_BIND",
		"BPF_CGROUP_INET4_CONNECT", "BPF_CGROUP_INET6_CONNECT", "BPF_CGROUP_INET4_POST_BIND",
		"BPF_CGROUP_INET6_POST_BIND", "BPF_CGROUP_UDP4_SENDMSG", "BPF_CGROUP_UDP6_SENDMSG",
		"BPF_LIRC_MODE2", "BPF_FLOW_DISSECTOR", "BPF_CGROUP_SYSCTL", "BPF_CGROUP_UDP4_RECVMSG",
		"BPF_CGROUP_UDP6_RECVMSG", "BPF_CGROUP_GETSOCKOPT", "BPF_CGROUP_SETSOCKOPT", "BPF_TRACE_RAW_TP",
		"BPF_TRACE_FENTRY", "BPF_TRACE_FEXIT", "BPF_MODIFY_RETURN", "BPF_LSM_MAC", "BPF_TRACE_ITER",
		"BPF_CGROUP_INET4_GETPEERNAME", "BPF_CGROUP_INET6_GETPEERNAME", "BPF_CGROUP_INET4_GETSOCKNAME",
		"BPF_CGROUP_INET6_GETSOCKNAME", "BPF_XDP_DEVMAP", "BPF_CGROUP_INET_SOCK_RELEASE",
		"BPF_XDP_CPUMAP", "BPF_SK_LOOKUP", "BPF_XDP", "BPF_SK_SKB_VERDICT")
}}

// bpfHelperConstants follow the kernel's enum bpf_func_id, up to
// bpf_snprintf as in the agent.
var bpfHelperConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return sequence(0,
		"BPF_UNSPEC", "BPF_MAP_LOOKUP_ELEM", "BPF_MAP_UPDATE_ELEM", "BPF_MAP_DELETE_ELEM",
		"BPF_PROBE_READ", "BPF_KTIME_GET_NS", "BPF_TRACE_PRINTK", "BPF_GET_PRANDOM_U32",
		"BPF_GET_SMP_PROCESSOR_ID", "BPF_SKB_STORE_BYTES", "BPF_L3_CSUM_REPLACE", "BPF_L4_CSUM_REPLACE",
		"BPF_TAIL_CALL", "BPF_CLONE_REDIRECT", "BPF_GET_CURRENT_PID_TGID", "BPF_GET_CURRENT_UID_GID",
		"BPF_GET_CURRENT_COMM", "BPF_GET_CGROUP_CLASSID", "BPF_SKB_VLAN_PUSH", "BPF_SKB_VLAN_POP",
		"BPF_SKB_GET_TUNNEL_KEY", "BPF_SKB_SET_TUNNEL_KEY", "BPF_PERF_EVENT_READ", "BPF_REDIRECT",
		"BPF_GET_ROUTE_REALM", "BPF_PERF_EVENT_OUTPUT", "BPF_SKB_LOAD_BYTES", "BPF_GET_STACKID",
		"BPF_CSUM_DIFF", "BPF_SKB_GET_TUNNEL_OPT", "BPF_SKB_SET_TUNNEL_OPT", "BPF_SKB_CHANGE_PROTO",
		"BPF_SKB_CHANGE_TYPE", "BPF_SKB_UNDER_CGROUP", "BPF_GET_HASH_RECALC", "BPF_GET_CURRENT_TASK",
		"BPF_PROBE_WRITE_USER", "BPF_CURRENT_TASK_UNDER_CGROUP", "BPF_SKB_CHANGE_TAIL",
		"BPF_SKB_PULL_DATA", "BPF_CSUM_UPDATE", "BPF_SET_HASH_INVALID", "BPF_GET_NUMA_NODE_ID",
		"BPF_SKB_CHANGE_HEAD", "BPF_XDP_ADJUST_HEAD", "BPF_PROBE_READ_STR", "BPF_GET_SOCKET_COOKIE",
		"BPF_GET_SOCKET_UID", "BPF_SET_HASH", "BPF_SETSOCKOPT", "BPF_SKB_ADJUST_ROOM",
		"BPF_REDIRECT_MAP", "BPF_SK_REDIRECT_MAP", "BPF_SOCK_MAP_UPDATE", "BPF_XDP_ADJUST_META",
		"BPF_PERF_EVENT_READ_VALUE", "BPF_PERF_PROG_READ_VALUE", "BPF_GETSOCKOPT", "BPF_OVERRIDE_RETURN",
		"BPF_SOCK_OPS_CB_FLAGS_SET", "BPF_MSG_REDIRECT_MAP", "BPF_MSG_APPLY_BYTES", "BPF_MSG_CORK_BYTES",
		"BPF_MSG_PULL_DATA", "BPF_BIND", "BPF_XDP_ADJUST_TAIL", "BPF_SKB_GET_XFRM_STATE", "BPF_GET_STACK",
		"BPF_SKB_LOAD_BYTES_RELATIVE", "BPF_FIB_LOOKUP", "BPF_SOCK_HASH_UPDATE", "BPF_MSG_REDIRECT_HASH",
		"BPF_SK_REDIRECT_HASH", "BPF_LWT_PUSH_ENCAP", "BPF_LWT_SEG6_STORE_BYTES",
		"BPF_LWT_SEG6_ADJUST_SRH", "BPF_LWT_SEG6_ACTION", "BPF_RC_REPEAT", "BPF_RC_KEYDOWN",
		"BPF_SKB_CGROUP_ID", "BPF_GET_CURRENT_CGROUP_ID", "BPF_GET_LOCAL_STORAGE",
		"BPF_SK_SELECT_REUSEPORT", "BPF_SKB_ANCESTOR_CGROUP_ID", "BPF_SK_LOOKUP_TCP", "BPF_SK_LOOKUP_UDP",
		"BPF_SK_RELEASE", "BPF_MAP_PUSH_ELEM", "BPF_MAP_POP_ELEM", "BPF_MAP_PEEK_ELEM",
		"BPF_MSG_PUSH_DATA", "BPF_MSG_POP_DATA", "BPF_RC_POINTER_REL", "BPF_SPIN_LOCK", "BPF_SPIN_UNLOCK",
		"BPF_SK_FULLSOCK", "BPF_TCP_SOCK", "BPF_SKB_ECN_SET_CE", "BPF_GET_LISTENER_SOCK",
		"BPF_SKC_LOOKUP_TCP", "BPF_TCP_CHECK_SYNCOOKIE", "BPF_SYSCTL_GET_NAME",
		"BPF_SYSCTL_GET_CURRENT_VALUE", "BPF_SYSCTL_GET_NEW_VALUE", "BPF_SYSCTL_SET_NEW_VALUE",
		"BPF_STRTOL", "BPF_STRTOUL", "BPF_SK_STORAGE_GET", "BPF_SK_STORAGE_DELETE", "BPF_SEND_SIGNAL",
		"BPF_TCP_GEN_SYNCOOKIE", "BPF_SKB_OUTPUT", "BPF_PROBE_READ_USER", "BPF_PROBE_READ_KERNEL",
		"BPF_PROBE_READ_USER_STR", "BPF_PROBE_READ_KERNEL_STR", "BPF_TCP_SEND_ACK",
		"BPF_SEND_SIGNAL_THREAD", "BPF_JIFFIES64", "BPF_READ_BRANCH_RECORDS",
		"BPF_GET_NS_CURRENT_PID_TGID", "BPF_XDP_OUTPUT", "BPF_GET_NETNS_COOKIE",
		"BPF_GET_CURRENT_ANCESTOR_CGROUP_ID", "BPF_SK_ASSIGN", "BPF_KTIME_GET_BOOT_NS", "BPF_SEQ_PRINTF",
		"BPF_SEQ_WRITE", "BPF_SK_CGROUP_ID", "BPF_SK_ANCESTOR_CGROUP_ID", "BPF_RINGBUF_OUTPUT",
		"BPF_RINGBUF_RESERVE", "BPF_RINGBUF_SUBMIT", "BPF_RINGBUF_DISCARD", "BPF_RINGBUF_QUERY",
		"BPF_CSUM_LEVEL", "BPF_SKC_TO_TCP6_SOCK", "BPF_SKC_TO_TCP_SOCK", "BPF_SKC_TO_TCP_TIMEWAIT_SOCK",
		"BPF_SKC_TO_TCP_REQUEST_SOCK", "BPF_SKC_TO_UDP6_SOCK", "BPF_GET_TASK_STACK", "BPF_LOAD_HDR_OPT",
		"BPF_STORE_HDR_OPT", "BPF_RESERVE_HDR_OPT", "BPF_INODE_STORAGE_GET", "BPF_INODE_STORAGE_DELETE",
		"BPF_D_PATH", "BPF_COPY_FROM_USER", "BPF_SNPRINTF_BTF", "BPF_SEQ_PRINTF_BTF",
		"BPF_SKB_CGROUP_CLASSID", "BPF_REDIRECT_NEIGH", "BPF_PER_CPU_PTR", "BPF_THIS_CPU_PTR",
		"BPF_REDIRECT_PEER", "BPF_TASK_STORAGE_GET", "BPF_TASK_STORAGE_DELETE",
		"BPF_GET_CURRENT_TASK_BTF", "BPF_BPRM_OPTS_SET", "BPF_KTIME_GET_COARSE_NS", "BPF_IMA_INODE_HASH",
		"BPF_SOCK_FROM_FILE", "BPF_CHECK_MTU", "BPF_FOR_EACH_MAP_ELEM", "BPF_SNPRINTF")
}}

// auditConstants: the login uid of a process no login set.
var auditConstants = memo.Value[map[string]int64]{New: func() map[string]int64 { return map[string]int64{"AUDIT_AUID_UNSET": 4294967295} }}

// sequence numbers names from first on, as an enum does.
func sequence(first int64, names ...string) map[string]int64 {
	m := make(map[string]int64, len(names))
	for i, n := range names {
		m[n] = first + int64(i)
	}
	return m
}

var sysctlActionConstants = memo.Value[map[string]int64]{New: func() map[string]int64 { return map[string]int64{"SYSCTL_READ": 1, "SYSCTL_WRITE": 2} }}

var pipeBufFlagConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"PIPE_BUF_FLAG_LRU": 0x1, "PIPE_BUF_FLAG_ATOMIC": 0x2, "PIPE_BUF_FLAG_GIFT": 0x4,
		"PIPE_BUF_FLAG_PACKET": 0x8, "PIPE_BUF_FLAG_CAN_MERGE": 0x10, "PIPE_BUF_FLAG_WHOLE": 0x20,
		"PIPE_BUF_FLAG_LOSS": 0x40,
	}
}}

var unlinkFlagConstants = memo.Value[map[string]int64]{New: func() map[string]int64 { return map[string]int64{"AT_REMOVEDIR": 0x200} }}

// l4ProtocolConstants are named IP_PROTO_* in the agent; the IPPROTO_*
// names are setsockopt levels.
var l4ProtocolConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"IP_PROTO_IP": 0, "IP_PROTO_ICMP": 1, "IP_PROTO_IGMP": 2, "IP_PROTO_IPIP": 4, "IP_PROTO_TCP": 6,
		"IP_PROTO_EGP": 8, "IP_PROTO_IGP": 9, "IP_PROTO_PUP": 12, "IP_PROTO_UDP": 17, "IP_PROTO_IDP": 22,
		"IP_PROTO_TP": 29, "IP_PROTO_DCCP": 33, "IP_PROTO_IPV6": 41, "IP_PROTO_RSVP": 46,
		"IP_PROTO_GRE": 47, "IP_PROTO_ESP": 50, "IP_PROTO_AH": 51, "IP_PROTO_ICMPV6": 58,
		"IP_PROTO_MTP": 92, "IP_PROTO_BEETPH": 94, "IP_PROTO_ENCAP": 98, "IP_PROTO_PIM": 103,
		"IP_PROTO_COMP": 108, "IP_PROTO_SCTP": 132, "IP_PROTO_UDPLITE": 136, "IP_PROTO_MPLS": 137,
		"IP_PROTO_RAW": 255,
	}
}}

// l3ProtocolConstants are the Ethernet protocol ids of if_ether.h.
var l3ProtocolConstants = memo.Value[map[string]int64]{New: func() map[string]int64 {
	return map[string]int64{
		"ETH_P_LOOP": 0x0060, "ETH_P_PUP": 0x0200, "ETH_P_PUPAT": 0x0201, "ETH_P_TSN": 0x22f0,
		"ETH_P_IP": 0x0800, "ETH_P_X25": 0x0805, "ETH_P_ARP": 0x0806, "ETH_P_BPQ": 0x08ff,
		"ETH_P_IEEEPUP": 0x0a00, "ETH_P_IEEEPUPAT": 0x0a01, "ETH_P_BATMAN": 0x4305, "ETH_P_DEC": 0x6000,
		"ETH_P_DNADL": 0x6001, "ETH_P_DNARC": 0x6002, "ETH_P_DNART": 0x6003, "ETH_P_LAT": 0x6004,
		"ETH_P_DIAG": 0x6005, "ETH_P_CUST": 0x6006, "ETH_P_SCA": 0x6007, "ETH_P_TEB": 0x6558,
		"ETH_P_RARP": 0x8035, "ETH_P_ATALK": 0x809b, "ETH_P_AARP": 0x80f3, "ETH_P_8021_Q": 0x8100,
		"ETH_P_ERSPAN": 0x88be, "ETH_P_IPX": 0x8137, "ETH_P_IPV6": 0x86dd, "ETH_P_PAUSE": 0x8808,
		"ETH_P_SLOW": 0x8809, "ETH_P_WCCP": 0x883e, "ETH_P_MPLSUC": 0x8847, "ETH_P_MPLSMC": 0x8848,
		"ETH_P_ATMMPOA": 0x884c, "ETH_P_PPPDISC": 0x8863, "ETH_P_PPPSES": 0x8864,
		"ETH_P__LINK_CTL": 0x886c, "ETH_P_ATMFATE": 0x8884, "ETH_P_PAE": 0x888e, "ETH_P_AOE": 0x88a2,
		"ETH_P_8021_AD": 0x88a8, "ETH_P_802_EX1": 0x88b5, "ETH_P_TIPC": 0x88ca, "ETH_P_MACSEC": 0x88e5,
		"ETH_P_8021_AH": 0x88e7, "ETH_P_MVRP": 0x88f5, "ETH_P_1588": 0x88f7, "ETH_P_NCSI": 0x88f8,
		"ETH_P_PRP": 0x88fb, "ETH_P_FCOE": 0x8906, "ETH_P_IBOE": 0x8915, "ETH_P_TDLS": 0x890d,
		"ETH_P_FIP": 0x8914, "ETH_P_80221": 0x8917, "ETH_P_HSR": 0x892f, "ETH_P_NSH": 0x894f,
		"ETH_P_LOOPBACK": 0x9000, "ETH_P_QINQ1": 0x9100, "ETH_P_QINQ2": 0x9200, "ETH_P_QINQ3": 0x9300,
		"ETH_P_EDSA": 0xdada, "ETH_P_IFE": 0xed3e, "ETH_P_AFIUCV": 0xfbfb, "ETH_P_8023_MIN": 0x0600,
		"ETH_P_8023": 0x0001, "ETH_P_AX25": 0x0002, "ETH_P_ALL": 0x0003, "ETH_P_8022": 0x0004,
		"ETH_P_SNAP": 0x0005, "ETH_P_DDCMP": 0x0006, "ETH_P_WANPPP": 0x0007, "ETH_P_PPPMP": 0x0008,
		"ETH_P_LOCALTALK": 0x0009, "ETH_P_CAN": 0x000c, "ETH_P_CANFD": 0x000d, "ETH_P_PPPTALK": 0x0010,
		"ETH_P_TR8022": 0x0011, "ETH_P_MOBITEX": 0x0015, "ETH_P_CONTROL": 0x0016, "ETH_P_IRDA": 0x0017,
		"ETH_P_ECONET": 0x0018, "ETH_P_HDLC": 0x0019, "ETH_P_ARCNET": 0x001a, "ETH_P_DSA": 0x001b,
		"ETH_P_TRAILER": 0x001c, "ETH_P_PHONET": 0x00f5, "ETH_P_IEEE802154": 0x00f6, "ETH_P_CAIF": 0x00f7,
		"ETH_P_XDSA": 0x00f8, "ETH_P_MAP": 0x00f9,
	}
}}

// exitCauseConstants are how a process ended (exit.cause).
var exitCauseConstants = memo.Value[map[string]int64]{New: func() map[string]int64 { return map[string]int64{"EXITED": 0, "COREDUMPED": 1, "SIGNALED": 2} }}

// constantFamilies lists every family, in the order a name is looked up.
var constantFamilies = []constantFamily{
	{name: "booleans", bools: &boolConstants},
	{name: "signals", ints: &signalConstants},
	{name: "ptrace requests", ints: &ptraceConstants},
	{name: "BPF commands", ints: &bpfCmdConstants},
	{name: "BPF map types", ints: &bpfMapTypeConstants},
	{name: "BPF program types", ints: &bpfProgTypeConstants},
	{name: "open flags", ints: &openFlagConstants},
	{name: "file modes", ints: &fileModeConstants},
	{name: "address families", ints: &addressFamilyConstants},
	{name: "DNS qtypes", ints: &dnsQTypeConstants},
	{name: "DNS qclasses", ints: &dnsClassConstants},
	{name: "mmap flags", ints: &mmapFlagConstants},
	{name: "protection flags", ints: &protectionConstants},
	{name: "virtual memory flags", ints: &vmFlagConstants},
	{name: "kernel capabilities", ints: &kernelCapabilityConstants},
	{name: "prctl options", ints: &prctlOptionConstants},
	{name: "socket options", ints: &socketOptionConstants},
	{name: "IP options", ints: &ipOptionConstants},
	{name: "TCP options", ints: &tcpOptionConstants},
	{name: "IPv6 options", ints: &ipv6OptionConstants},
	{name: "setsockopt levels", ints: &sockoptLevelConstants},
	{name: "socket types", ints: &socketTypeConstants},
	{name: "resource limits", ints: &rlimitConstants},
	{name: "errors", ints: &errorConstants},
	{name: "BPF attach types", ints: &bpfAttachTypeConstants},
	{name: "BPF helper functions", ints: &bpfHelperConstants},
	{name: "audit", ints: &auditConstants},
	{name: "sysctl actions", ints: &sysctlActionConstants},
	{name: "pipe buffer flags", ints: &pipeBufFlagConstants},
	{name: "unlink flags", ints: &unlinkFlagConstants},
	{name: "L4 protocols", ints: &l4ProtocolConstants},
	{name: "L3 protocols", ints: &l3ProtocolConstants},
	{name: "exit causes", ints: &exitCauseConstants},
}

// LookupConstant returns the value of one of the agent's constants
// (SIGKILL, O_RDWR, AF_INET, BPF_PROG_LOAD, A, true…) and its type.
func LookupConstant(name string) (Value, Type, bool) {
	for _, f := range constantFamilies {
		if f.ints != nil {
			if v, ok := f.ints.Get()[name]; ok {
				return Value{Int: v}, TypeInt, true
			}
		}
		if f.strs != nil {
			if v, ok := f.strs.Get()[name]; ok {
				return Value{Str: v}, TypeString, true
			}
		}
		if f.bools != nil {
			if v, ok := f.bools.Get()[name]; ok {
				return Value{Bool: v}, TypeBool, true
			}
		}
	}
	return Value{}, TypeUnknown, false
}

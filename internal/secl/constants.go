package secl

// The agent's constants, by family, with the Linux (x86-64) values the agent
// compares with. Each family is a table of its own so that a test can check
// it; lookupConstant searches them all.

// constantFamily is one table of constants.
type constantFamily struct {
	name  string
	ints  map[string]int64
	strs  map[string]string
	bools map[string]bool
}

var boolConstants = map[string]bool{"true": true, "false": false}

var signalConstants = map[string]int64{
	"SIGHUP": 1, "SIGINT": 2, "SIGQUIT": 3, "SIGILL": 4, "SIGTRAP": 5, "SIGABRT": 6, "SIGIOT": 6,
	"SIGBUS": 7, "SIGFPE": 8, "SIGKILL": 9, "SIGUSR1": 10, "SIGSEGV": 11, "SIGUSR2": 12,
	"SIGPIPE": 13, "SIGALRM": 14, "SIGTERM": 15, "SIGSTKFLT": 16, "SIGCHLD": 17, "SIGCONT": 18,
	"SIGSTOP": 19, "SIGTSTP": 20, "SIGTTIN": 21, "SIGTTOU": 22, "SIGURG": 23, "SIGXCPU": 24,
	"SIGXFSZ": 25, "SIGVTALRM": 26, "SIGPROF": 27, "SIGWINCH": 28, "SIGIO": 29, "SIGPOLL": 29,
	"SIGPWR": 30, "SIGSYS": 31,
}

var ptraceConstants = map[string]int64{
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

var bpfCmdConstants = map[string]int64{
	"BPF_MAP_CREATE": 0, "BPF_MAP_LOOKUP_ELEM": 1, "BPF_MAP_UPDATE_ELEM": 2, "BPF_MAP_DELETE_ELEM": 3,
	"BPF_MAP_GET_NEXT_KEY": 4, "BPF_PROG_LOAD": 5, "BPF_OBJ_PIN": 6, "BPF_OBJ_GET": 7,
	"BPF_PROG_ATTACH": 8, "BPF_PROG_DETACH": 9, "BPF_PROG_TEST_RUN": 10, "BPF_PROG_GET_NEXT_ID": 11,
	"BPF_MAP_GET_NEXT_ID": 12, "BPF_PROG_GET_FD_BY_ID": 13, "BPF_MAP_GET_FD_BY_ID": 14,
	"BPF_OBJ_GET_INFO_BY_FD": 15, "BPF_PROG_QUERY": 16, "BPF_RAW_TRACEPOINT_OPEN": 17,
	"BPF_BTF_LOAD": 18, "BPF_BTF_GET_FD_BY_ID": 19, "BPF_TASK_FD_QUERY": 20,
	"BPF_MAP_LOOKUP_AND_DELETE_ELEM": 21, "BPF_MAP_FREEZE": 22, "BPF_BTF_GET_NEXT_ID": 23,
	"BPF_MAP_LOOKUP_BATCH": 24, "BPF_MAP_LOOKUP_AND_DELETE_BATCH": 25, "BPF_MAP_UPDATE_BATCH": 26,
	"BPF_MAP_DELETE_BATCH": 27, "BPF_LINK_CREATE": 28, "BPF_LINK_UPDATE": 29,
	"BPF_LINK_GET_FD_BY_ID": 30, "BPF_LINK_GET_NEXT_ID": 31, "BPF_ENABLE_STATS": 32,
	"BPF_ITER_CREATE": 33, "BPF_LINK_DETACH": 34, "BPF_PROG_BIND_MAP": 35,
}

var bpfMapTypeConstants = map[string]int64{
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

var bpfProgTypeConstants = map[string]int64{
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

var openFlagConstants = map[string]int64{
	"O_RDONLY": 0, "O_WRONLY": 1, "O_RDWR": 2, "O_CREAT": 0x40, "O_EXCL": 0x80, "O_NOCTTY": 0x100,
	"O_TRUNC": 0x200, "O_APPEND": 0x400, "O_NONBLOCK": 0x800, "O_DSYNC": 0x1000, "O_SYNC": 0x101000,
	"O_RSYNC": 0x101000, "FASYNC": 0x2000, "O_DIRECT": 0x4000, "O_LARGEFILE": 0x8000,
	"O_DIRECTORY": 0x10000, "O_NOFOLLOW": 0x20000, "O_NOATIME": 0x40000, "O_CLOEXEC": 0x80000,
	"O_PATH": 0x200000, "O_TMPFILE": 0x410000,
}

var fileModeConstants = map[string]int64{
	"S_IFMT": 0o170000, "S_IFSOCK": 0o140000, "S_IFLNK": 0o120000, "S_IFREG": 0o100000,
	"S_IFBLK": 0o60000, "S_IFDIR": 0o40000, "S_IFCHR": 0o20000, "S_IFIFO": 0o10000,
	"S_ISUID": 0o4000, "S_ISGID": 0o2000, "S_ISVTX": 0o1000,
	"S_IRWXU": 0o700, "S_IRUSR": 0o400, "S_IWUSR": 0o200, "S_IXUSR": 0o100,
	"S_IRWXG": 0o70, "S_IRGRP": 0o40, "S_IWGRP": 0o20, "S_IXGRP": 0o10,
	"S_IRWXO": 0o7, "S_IROTH": 0o4, "S_IWOTH": 0o2, "S_IXOTH": 0o1,
}

var addressFamilyConstants = map[string]int64{
	"AF_UNSPEC": 0, "AF_UNIX": 1, "AF_LOCAL": 1, "AF_INET": 2, "AF_AX25": 3, "AF_IPX": 4,
	"AF_APPLETALK": 5, "AF_NETROM": 6, "AF_BRIDGE": 7, "AF_ATMPVC": 8, "AF_X25": 9, "AF_INET6": 10,
	"AF_ROSE": 11, "AF_DECnet": 12, "AF_NETBEUI": 13, "AF_SECURITY": 14, "AF_KEY": 15,
	"AF_NETLINK": 16, "AF_PACKET": 17, "AF_ASH": 18, "AF_ECONET": 19, "AF_ATMSVC": 20, "AF_RDS": 21,
	"AF_SNA": 22, "AF_IRDA": 23, "AF_PPPOX": 24, "AF_WANPIPE": 25, "AF_LLC": 26, "AF_IB": 27,
	"AF_MPLS": 28, "AF_CAN": 29, "AF_TIPC": 30, "AF_BLUETOOTH": 31, "AF_IUCV": 32, "AF_RXRPC": 33,
	"AF_ISDN": 34, "AF_PHONET": 35, "AF_IEEE802154": 36, "AF_CAIF": 37, "AF_ALG": 38, "AF_NFC": 39,
	"AF_VSOCK": 40, "AF_KCM": 41, "AF_QIPCRTR": 42, "AF_SMC": 43, "AF_XDP": 44, "AF_MCTP": 45,
}

var dnsQTypeConstants = map[string]int64{
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

var dnsClassConstants = map[string]int64{
	"CLASS_INET": 1, "CLASS_CSNET": 2, "CLASS_CHAOS": 3, "CLASS_HESIOD": 4, "CLASS_NONE": 254,
	"CLASS_ANY": 255,
}

var mmapFlagConstants = map[string]int64{
	"MAP_SHARED": 0x1, "MAP_PRIVATE": 0x2, "MAP_SHARED_VALIDATE": 0x3, "MAP_FIXED": 0x10,
	"MAP_ANON": 0x20, "MAP_ANONYMOUS": 0x20, "MAP_32BIT": 0x40, "MAP_GROWSDOWN": 0x100,
	"MAP_DENYWRITE": 0x800, "MAP_EXECUTABLE": 0x1000, "MAP_LOCKED": 0x2000, "MAP_NORESERVE": 0x4000,
	"MAP_POPULATE": 0x8000, "MAP_NONBLOCK": 0x10000, "MAP_STACK": 0x20000, "MAP_HUGETLB": 0x40000,
	"MAP_SYNC": 0x80000, "MAP_FIXED_NOREPLACE": 0x100000,
}

var protectionConstants = map[string]int64{
	"PROT_NONE": 0, "PROT_READ": 0x1, "PROT_WRITE": 0x2, "PROT_EXEC": 0x4,
	"PROT_GROWSDOWN": 0x01000000, "PROT_GROWSUP": 0x02000000,
}

var vmFlagConstants = map[string]int64{
	"VM_NONE": 0, "VM_READ": 0x1, "VM_WRITE": 0x2, "VM_EXEC": 0x4, "VM_SHARED": 0x8,
	"VM_MAYREAD": 0x10, "VM_MAYWRITE": 0x20, "VM_MAYEXEC": 0x40, "VM_MAYSHARE": 0x80,
	"VM_GROWSDOWN": 0x100, "VM_UFFD_MISSING": 0x200, "VM_PFNMAP": 0x400, "VM_UFFD_WP": 0x1000,
	"VM_LOCKED": 0x2000, "VM_IO": 0x4000, "VM_SEQ_READ": 0x8000, "VM_RAND_READ": 0x10000,
	"VM_DONTCOPY": 0x20000, "VM_DONTEXPAND": 0x40000, "VM_LOCKONFAULT": 0x80000,
	"VM_ACCOUNT": 0x100000, "VM_NORESERVE": 0x200000, "VM_HUGETLB": 0x400000, "VM_SYNC": 0x800000,
	"VM_ARCH_1": 0x1000000, "VM_WIPEONFORK": 0x2000000, "VM_DONTDUMP": 0x4000000,
}

// kernelCapabilityConstants are bit masks (1 << the capability's number),
// as the agent compares capability sets.
var kernelCapabilityConstants = func() map[string]int64 {
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
}()

var prctlOptionConstants = map[string]int64{
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

var socketOptionConstants = map[string]int64{
	"SO_DEBUG": 1, "SO_REUSEADDR": 2, "SO_TYPE": 3, "SO_ERROR": 4, "SO_DONTROUTE": 5,
	"SO_BROADCAST": 6, "SO_SNDBUF": 7, "SO_RCVBUF": 8, "SO_KEEPALIVE": 9, "SO_OOBINLINE": 10,
	"SO_NO_CHECK": 11, "SO_PRIORITY": 12, "SO_LINGER": 13, "SO_BSDCOMPAT": 14, "SO_REUSEPORT": 15,
	"SO_PASSCRED": 16, "SO_PEERCRED": 17, "SO_RCVLOWAT": 18, "SO_SNDLOWAT": 19, "SO_RCVTIMEO": 20,
	"SO_SNDTIMEO": 21, "SO_BINDTODEVICE": 25, "SO_ATTACH_FILTER": 26, "SO_DETACH_FILTER": 27,
	"SO_PEERNAME": 28, "SO_TIMESTAMP": 29, "SO_ACCEPTCONN": 30, "SO_PEERSEC": 31,
	"SO_SNDBUFFORCE": 32, "SO_RCVBUFFORCE": 33, "SO_PASSSEC": 34, "SO_MARK": 36, "SO_PROTOCOL": 38,
	"SO_DOMAIN": 39, "SO_RXQ_OVFL": 40, "SO_LOCK_FILTER": 44, "SO_ATTACH_BPF": 50,
	"SO_ATTACH_REUSEPORT_CBPF": 51, "SO_ATTACH_REUSEPORT_EBPF": 52,
}

var sysctlActionConstants = map[string]int64{"SYSCTL_READ": 1, "SYSCTL_WRITE": 2}

var pipeBufFlagConstants = map[string]int64{
	"PIPE_BUF_FLAG_LRU": 0x1, "PIPE_BUF_FLAG_ATOMIC": 0x2, "PIPE_BUF_FLAG_GIFT": 0x4,
	"PIPE_BUF_FLAG_PACKET": 0x8, "PIPE_BUF_FLAG_CAN_MERGE": 0x10, "PIPE_BUF_FLAG_WHOLE": 0x20,
	"PIPE_BUF_FLAG_LOSS": 0x40,
}

var unlinkFlagConstants = map[string]int64{"AT_REMOVEDIR": 0x200}

var l4ProtocolConstants = map[string]int64{
	"IPPROTO_IP": 0, "IPPROTO_ICMP": 1, "IPPROTO_IGMP": 2, "IPPROTO_IPIP": 4, "IPPROTO_TCP": 6,
	"IPPROTO_EGP": 8, "IPPROTO_IGP": 9, "IPPROTO_PUP": 12, "IPPROTO_UDP": 17, "IPPROTO_IDP": 22,
	"IPPROTO_TP": 29, "IPPROTO_DCCP": 33, "IPPROTO_IPV6": 41, "IPPROTO_RSVP": 46, "IPPROTO_GRE": 47,
	"IPPROTO_ESP": 50, "IPPROTO_AH": 51, "IPPROTO_ICMPV6": 58, "IPPROTO_MTP": 92,
	"IPPROTO_BEETPH": 94, "IPPROTO_ENCAP": 98, "IPPROTO_PIM": 103, "IPPROTO_COMP": 108,
	"IPPROTO_SCTP": 132, "IPPROTO_UDPLITE": 136, "IPPROTO_MPLS": 137, "IPPROTO_RAW": 255,
}

// constantFamilies lists every family, in the order a name is looked up.
var constantFamilies = []constantFamily{
	{name: "booleans", bools: boolConstants},
	{name: "signals", ints: signalConstants},
	{name: "ptrace requests", ints: ptraceConstants},
	{name: "BPF commands", ints: bpfCmdConstants},
	{name: "BPF map types", ints: bpfMapTypeConstants},
	{name: "BPF program types", ints: bpfProgTypeConstants},
	{name: "open flags", ints: openFlagConstants},
	{name: "file modes", ints: fileModeConstants},
	{name: "address families", ints: addressFamilyConstants},
	{name: "DNS qtypes", ints: dnsQTypeConstants},
	{name: "DNS qclasses", ints: dnsClassConstants},
	{name: "mmap flags", ints: mmapFlagConstants},
	{name: "protection flags", ints: protectionConstants},
	{name: "virtual memory flags", ints: vmFlagConstants},
	{name: "kernel capabilities", ints: kernelCapabilityConstants},
	{name: "prctl options", ints: prctlOptionConstants},
	{name: "socket options", ints: socketOptionConstants},
	{name: "sysctl actions", ints: sysctlActionConstants},
	{name: "pipe buffer flags", ints: pipeBufFlagConstants},
	{name: "unlink flags", ints: unlinkFlagConstants},
	{name: "L4 protocols", ints: l4ProtocolConstants},
}

// LookupConstant returns the value of one of the agent's constants
// (SIGKILL, O_RDWR, AF_INET, BPF_PROG_LOAD, A, true…) and its type.
func LookupConstant(name string) (Value, Type, bool) {
	for _, f := range constantFamilies {
		if v, ok := f.ints[name]; ok {
			return Value{Int: v}, TypeInt, true
		}
		if v, ok := f.strs[name]; ok {
			return Value{Str: v}, TypeString, true
		}
		if v, ok := f.bools[name]; ok {
			return Value{Bool: v}, TypeBool, true
		}
	}
	return Value{}, TypeUnknown, false
}

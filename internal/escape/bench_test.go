package escape

import "testing"

// benchStrings are what event strings look like: Windows paths full of
// backslashes, command lines with quotes, ids, some non-ASCII text.
var benchStrings = []string{
	`C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`,
	`"C:\Program Files\Google\Chrome\Application\chrome.exe" --type=renderer --lang=en-US --field-trial-handle=1234`,
	`registry_run_key_persistence`, `2025-11-03T10:00:00.0228372+01:00`, `NT AUTHORITY\SYSTEM`,
	`HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Run`, `Überwachung – 日本語のファイル.txt`,
	`3f2a9c1e-8b7d-4e6f-a5c3-1d2e3f4a5b6c`, "line1\nline2\tend",
}

func BenchmarkAppendJSONString(b *testing.B) {
	n := 0
	for _, s := range benchStrings {
		n += len(s)
	}
	b.SetBytes(int64(n))
	var dst []byte
	for b.Loop() {
		dst = dst[:0]
		for _, s := range benchStrings {
			dst = AppendJSONString(dst, s, JQ)
		}
	}
}

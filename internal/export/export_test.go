package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/csmctl/csmctl/internal/input"
	"github.com/csmctl/csmctl/internal/pipeline"
	"github.com/csmctl/csmctl/internal/selector"
)

// exportFiles exports files into a new directory, and returns it, the
// summary, what was said on standard error, and the tally.
func exportFiles(t *testing.T, format Format, part Partitioning, sel selector.Options, files ...string) (string, Summary, string, pipeline.Tally) {
	t.Helper()
	var errOut bytes.Buffer
	p, err := pipeline.New(pipeline.Options{
		Files: files, Reading: input.Options{MaxRecord: input.DefaultMaxRecord},
		Select: sel, Workers: 2, ErrOut: &errOut,
	})
	defer p.Close()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	sum, err := Run(p, Options{Dir: dir, Format: format, Partition: part})
	if err != nil {
		t.Fatal(err)
	}
	return dir, sum, errOut.String(), p.Tally
}

// lines are the lines of a file.
func lines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

func i64(n int64) *int64 { return &n }

func usec(t *testing.T, s string) *int64 {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return i64(tm.UnixMicro())
}

// attackRows are rows 1, 5 and 8 of examples/attack.ndjson, read from the
// file by hand (event_json and the command lines apart).
func attackRows(t *testing.T) map[int]Row {
	system := `NT AUTHORITY\SYSTEM`
	return map[int]Row{
		1: {
			Date: usec(t, "2025-11-03T09:12:44.517093Z"), DateText: "2025-11-03T09:12:44.5170932Z",
			OS: "windows", RuleID: "windows_defender_registry_tampering", RuleVersion: "1.0.0",
			Title: "Windows Defender settings were accessed in the registry",
			Event: "open_key", Category: "Registry Activity", Outcome: "unknown",
			PID: i64(3120), PPID: i64(780),
			ExecutablePath:  `C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.25090.3009-0\MsMpEng.exe`,
			User:            system,
			RegistryKeyPath: `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows Defender`,
			Ancestors: []Ancestor{
				{PID: i64(780), ExecutablePath: `C:\Windows\System32\services.exe`},
				{PID: i64(560), ExecutablePath: `C:\Windows\System32\wininit.exe`},
				{PID: i64(388)}, {PID: i64(4)},
			},
			SourceLine: 1,
		},
		5: {
			Date: usec(t, "2025-11-03T09:14:11.221500Z"), RuleID: "registry_run_key_persistence",
			Event: "set_key_value", PID: i64(7312), PPID: i64(7040),
			ExecutablePath:  `C:\Windows\System32\reg.exe`,
			User:            `CORP\alice`,
			RegistryKeyPath: `HKEY_USERS\S-1-5-21-3623811015-3361044348-30300820-1104\Software\Microsoft\Windows\CurrentVersion\Run`,
			SourceLine:      5,
		},
		8: {
			Date: usec(t, "2025-11-03T09:14:31.903551Z"), RuleID: "windows_process_exit_nonzero",
			Event: "exit", PID: i64(7488), PPID: i64(7040),
			ExecutablePath: `C:\Users\Public\upd.exe`, User: `CORP\alice`,
			FilePath: `C:\Users\Public\upd.exe`, ExitCode: i64(1),
			SourceLine: 8,
		},
	}
}

// checkRow compares the columns of got that want sets (and, always, the
// nullable ones the event lacks).
func checkRow(t *testing.T, got, want Row) {
	t.Helper()
	eqp := func(name string, g, w *int64) {
		if (g == nil) != (w == nil) || g != nil && *g != *w {
			t.Errorf("line %d: %s %s, want %s", want.SourceLine, name, ptrText(g), ptrText(w))
		}
	}
	eqp("date", got.Date, want.Date)
	eqp("pid", got.PID, want.PID)
	eqp("ppid", got.PPID, want.PPID)
	eqp("exit_code", got.ExitCode, want.ExitCode)
	eqp("network_destination_port", got.NetworkDestinationPort, want.NetworkDestinationPort)
	eqs := func(name, g, w string) {
		if w != "" && g != w {
			t.Errorf("line %d: %s %q, want %q", want.SourceLine, name, g, w)
		}
	}
	eqs("date_text", got.DateText, want.DateText)
	eqs("os", got.OS, want.OS)
	eqs("rule_id", got.RuleID, want.RuleID)
	eqs("rule_version", got.RuleVersion, want.RuleVersion)
	eqs("title", got.Title, want.Title)
	eqs("event", got.Event, want.Event)
	eqs("category", got.Category, want.Category)
	eqs("outcome", got.Outcome, want.Outcome)
	eqs("executable_path", got.ExecutablePath, want.ExecutablePath)
	eqs("user", got.User, want.User)
	// The family's columns: NULL ("") where the event has none.
	for _, c := range []struct{ name, g, w string }{
		{"file_path", got.FilePath, want.FilePath},
		{"registry_key_path", got.RegistryKeyPath, want.RegistryKeyPath},
		{"dns_question_name", got.DNSQuestionName, want.DNSQuestionName},
		{"network_destination_ip", got.NetworkDestinationIP, want.NetworkDestinationIP},
		{"host", got.Host, want.Host},
	} {
		if c.g != c.w {
			t.Errorf("line %d: %s %q, want %q", want.SourceLine, c.name, c.g, c.w)
		}
	}
	if got.SourceLine != want.SourceLine {
		t.Errorf("source_line %d, want %d", got.SourceLine, want.SourceLine)
	}
	if want.Ancestors != nil {
		if len(got.Ancestors) != len(want.Ancestors) {
			t.Fatalf("line %d: %d ancestors, want %d", want.SourceLine, len(got.Ancestors), len(want.Ancestors))
		}
		for i, a := range want.Ancestors {
			g := got.Ancestors[i]
			eqp("ancestor pid", g.PID, a.PID)
			eqs("ancestor executable_path", g.ExecutablePath, a.ExecutablePath)
		}
	}
}

func ptrText(p *int64) string {
	if p == nil {
		return "NULL"
	}
	return jsonText(*p)
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Parquet read back with the library's reader holds the values of the
// events, each event as written in event_json.
func TestParquetReadBack(t *testing.T) {
	const file = "../../examples/attack.ndjson"
	dir, sum, errOut, tally := exportFiles(t, Parquet, NoPartition, selector.Options{}, file)
	if errOut != "" || tally.ExitCode() != 0 {
		t.Fatalf("stderr %q, exit %d", errOut, tally.ExitCode())
	}
	rows, err := parquet.ReadFile[Row](filepath.Join(dir, "part-0.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 8 || sum.Rows != 8 || sum.Files != 1 {
		t.Fatalf("%d rows read, summary %+v; want 8 rows in 1 file", len(rows), sum)
	}
	events := lines(t, file)
	for i, r := range rows {
		if r.EventJSON != events[i] {
			t.Errorf("row %d: event_json is not line %d as written", i, i+1)
		}
		if r.SourceFile != file {
			t.Errorf("row %d: source_file %q", i, r.SourceFile)
		}
		if r.OS != "windows" || r.Cmdline == "" {
			t.Errorf("row %d: os %q, cmdline %q", i, r.OS, r.Cmdline)
		}
	}
	for line, want := range attackRows(t) {
		checkRow(t, rows[line-1], want)
	}
	if got := rows[0].Ancestors[1].Cmdline; got != "wininit.exe" {
		t.Errorf("ancestor 2's cmdline %q, want wininit.exe", got)
	}
	if a := rows[0].Ancestors[3]; a.ExecutablePath != "" || a.Cmdline != "" {
		t.Errorf("ancestor 4 (System, no executable): %+v, want NULLs", a)
	}
}

// CSV read back with encoding/csv: a header of the columns, NULL as an
// empty field, dates in RFC 3339 UTC to the microsecond, ancestors as
// JSON text, the event as written.
func TestCSVReadBack(t *testing.T) {
	const file = "../../examples/attack.ndjson"
	dir, _, _, _ := exportFiles(t, CSV, NoPartition, selector.Options{}, file)
	f, err := os.Open(filepath.Join(dir, "part-0.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 9 || !slices.Equal(records[0], columns.Get()) {
		t.Fatalf("%d records, header %v; want 9, %v", len(records), records[0], columns.Get())
	}
	col := func(rec []string, name string) string { return rec[slices.Index(columns.Get(), name)] }
	first, last := records[1], records[8]
	for _, c := range []struct{ got, want string }{
		{col(first, "date"), "2025-11-03T09:12:44.517093Z"},
		{col(first, "date_text"), "2025-11-03T09:12:44.5170932Z"},
		{col(first, "pid"), "3120"},
		{col(first, "file_path"), ""},
		{col(first, "exit_code"), ""},
		{col(first, "source_line"), "1"},
		{col(last, "exit_code"), "1"},
		{col(last, "file_path"), `C:\Users\Public\upd.exe`},
		{col(last, "event_json"), lines(t, file)[7]},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
	var ancestors []map[string]any
	if err := json.Unmarshal([]byte(col(first, "ancestors")), &ancestors); err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{
		{"pid": 780.0, "executable_path": `C:\Windows\System32\services.exe`, "cmdline": `C:\Windows\system32\services.exe`},
		{"pid": 560.0, "executable_path": `C:\Windows\System32\wininit.exe`, "cmdline": "wininit.exe"},
		{"pid": 388.0, "executable_path": `C:\Windows\System32\smss.exe`, "cmdline": `\SystemRoot\System32\smss.exe`},
		{"pid": 4.0, "executable_path": nil, "cmdline": nil},
	}
	if jsonText(ancestors) != jsonText(want) {
		t.Errorf("ancestors %s, want %s", jsonText(ancestors), jsonText(want))
	}
}

// JSON lines read back with encoding/json: one object a row, the columns
// as keys in order, NULL as null.
func TestJSONLReadBack(t *testing.T) {
	const file = "../../examples/attack.ndjson"
	dir, _, _, _ := exportFiles(t, JSONL, NoPartition, selector.Options{}, file)
	got := lines(t, filepath.Join(dir, "part-0.jsonl"))
	if len(got) != 8 {
		t.Fatalf("%d lines, want 8", len(got))
	}
	dec := json.NewDecoder(strings.NewReader(got[7]))
	var keys []string
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(keys, columns.Get()) {
		t.Errorf("keys %v, want %v", keys, columns.Get())
	}
	var row map[string]any
	if err := json.Unmarshal([]byte(got[7]), &row); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{
		"date": "2025-11-03T09:14:31.903551Z", "pid": 7488.0, "exit_code": 1.0,
		"registry_key_path": nil, "dns_question_name": nil, "network_destination_port": nil,
		"rule_id": "windows_process_exit_nonzero", "source_line": 8.0,
		"event_json": lines(t, file)[7],
	} {
		if jsonText(row[k]) != jsonText(want) {
			t.Errorf("%s: %s, want %s", k, jsonText(row[k]), jsonText(want))
		}
	}
}

// A value of the wrong type is NULL in its column, never a made-up
// number; the event is exported all the same, whole in event_json, and
// counted in the summary, not as a problem with the data.
func TestIllTypedNull(t *testing.T) {
	pids, dates := "../../testdata/hostile/ill-typed-pids.ndjson", "../../testdata/hostile/ill-typed-date.ndjson"
	dir, sum, errOut, tally := exportFiles(t, Parquet, NoPartition, selector.Options{}, pids, dates)
	if errOut != "" || tally.ExitCode() != 0 {
		t.Errorf("stderr %q, exit %d", errOut, tally.ExitCode())
	}
	rows, err := parquet.ReadFile[Row](filepath.Join(dir, "part-0.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 17 {
		t.Fatalf("%d rows, want 17", len(rows))
	}
	// Lines 2 to 12 of ill-typed-pids have a pid of the wrong type (1e999,
	// 2^63, 1.5, "123", null, true, {}, an array, strings, -2^63-1); line
	// 13 a ppid, an exit code and an ancestor's pid that are strings.
	for i := 1; i <= 11; i++ {
		if r := rows[i]; r.PID != nil || r.PPID == nil || *r.PPID != 4 {
			t.Errorf("line %d: pid %s, ppid %s; want NULL, 4", r.SourceLine, ptrText(r.PID), ptrText(r.PPID))
		}
	}
	if r := rows[12]; *r.PID != 200 || r.PPID != nil || r.ExitCode != nil || r.Ancestors[0].PID != nil {
		t.Errorf("line 13: pid %s ppid %s exit %s ancestor %s; want 200 and NULLs",
			ptrText(r.PID), ptrText(r.PPID), ptrText(r.ExitCode), ptrText(r.Ancestors[0].PID))
	}
	if r := rows[0]; *r.PID != 100 || *r.Ancestors[0].PID != 4 {
		t.Errorf("line 1: pid %s, want 100", ptrText(r.PID))
	}
	wantText := []string{`"C:\\x\t\u001b[31m"`, `12345`, `{"a": [1, 2]}`}
	for i, r := range rows[14:] {
		if r.Date != nil || r.DateText != wantText[i] {
			t.Errorf("%s:%d: date %s, date_text %q; want NULL, %q", r.SourceFile, r.SourceLine, ptrText(r.Date), r.DateText, wantText[i])
		}
	}
	for i, want := range append(lines(t, pids), lines(t, dates)...) {
		if i == 10 {
			// Line 11's pid holds the byte 0xff, not UTF-8, which a
			// Parquet string cannot hold: U+FFFD stands for it.
			want = strings.Replace(want, "\xff", "\uFFFD", 1)
		}
		if rows[i].EventJSON != want {
			t.Errorf("row %d: event_json %q, want the line as written", i, rows[i].EventJSON)
		}
	}
	if sum.IllTyped != 15 {
		t.Errorf("summary counts %d ill-typed events, want 15", sum.IllTyped)
	}
}

// --partition writes the hive layout by the UTC hour or day of each
// event (an event at 10:08+01:00 is in hour 09), and the events with no
// valid date under __HIVE_DEFAULT_PARTITION__.
func TestPartitionLayout(t *testing.T) {
	inputs := []string{"../../examples/kinds.ndjson", "../../examples/linux.ndjson", "../../testdata/hostile/ill-typed-date.ndjson"}
	tests := []struct {
		part Partitioning
		want map[string]int // file: rows
	}{
		{NoPartition, map[string]int{"part-0.parquet": 50}},
		{ByDay, map[string]int{"dt=20251103/part-0.parquet": 47, "dt=__HIVE_DEFAULT_PARTITION__/part-0.parquet": 3}},
		{ByHour, map[string]int{
			"dt=20251103/hour=09/part-0.parquet":                                           46,
			"dt=20251103/hour=10/part-0.parquet":                                           1,
			"dt=__HIVE_DEFAULT_PARTITION__/hour=__HIVE_DEFAULT_PARTITION__/part-0.parquet": 3,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.part.Name, func(t *testing.T) {
			dir, sum, _, _ := exportFiles(t, Parquet, tt.part, selector.Options{}, inputs...)
			got := map[string]int{}
			for _, f := range files(t, dir) {
				rows, err := parquet.ReadFile[Row](filepath.Join(dir, f))
				if err != nil {
					t.Fatal(err)
				}
				got[f] = len(rows)
			}
			if jsonText(got) != jsonText(tt.want) {
				t.Errorf("files %v, want %v", got, tt.want)
			}
			if sum.Files != len(tt.want) || sum.Rows != 50 {
				t.Errorf("summary %+v", sum)
			}
		})
	}
}

// Broken lines are reported at FILE:LINE and counted, and the events
// around them exported; --limit and the selectors apply.
func TestBrokenAndSelected(t *testing.T) {
	garbage := "../../testdata/hostile/garbage.ndjson"
	dir, sum, errOut, tally := exportFiles(t, JSONL, NoPartition, selector.Options{}, garbage)
	for _, line := range []string{":2:", ":3:", ":5:", ":6:", ":7:"} {
		if !strings.Contains(errOut, "garbage.ndjson"+line) {
			t.Errorf("stderr does not name line %s: %q", line, errOut)
		}
	}
	if tally.ExitCode() != 1 || sum.Rows != 3 {
		t.Errorf("exit %d, %d rows; want 1, 3", tally.ExitCode(), sum.Rows)
	}
	var lineNumbers []string
	for _, l := range lines(t, filepath.Join(dir, "part-0.jsonl")) {
		var r struct {
			SourceLine int `json:"source_line"`
		}
		_ = json.Unmarshal([]byte(l), &r)
		lineNumbers = append(lineNumbers, jsonText(r.SourceLine))
	}
	if jsonText(lineNumbers) != `["1","4","8"]` {
		t.Errorf("rows of lines %v, want 1, 4, 8", lineNumbers)
	}

	_, sum, _, _ = exportFiles(t, Parquet, NoPartition, selector.Options{Events: []string{"exec"}, Limit: 2}, "../../examples/attack.ndjson")
	if sum.Rows != 2 {
		t.Errorf("--event exec --limit 2: %d rows", sum.Rows)
	}
}

// Rows spread over more partitions at once than files may be open go to
// further parts (part-1, …) of a partition whose file was closed, and
// none is lost or written twice.
func TestManyPartitionsAtOnce(t *testing.T) {
	root := t.TempDir()
	d, err := openOutDir(root, JSONL, false)
	if err != nil {
		t.Fatal(err)
	}
	w := newPartitionWriter(d, ByHour)
	w.limits = limits{chunk: 2000, waitCap: 5000, rowGroup: 1 << 20, bufferCap: 1 << 20, openCap: 3}
	const hours, n = 8, 800
	var rows []Row
	for i := range n {
		date := int64(1762160400000000) + int64(i%hours)*3600e6 // 2025-11-03T09:00Z, hour by hour
		rows = append(rows, Row{Date: &date, SourceLine: int64(i + 1), EventJSON: strings.Repeat("x", 100)})
	}
	rows = append(rows, Row{SourceLine: n + 1, EventJSON: "{}"}) // no date
	for i := 0; i < len(rows); i += 37 {
		if err := w.write(rows[i:min(i+37, len(rows))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.close(); err != nil {
		t.Fatal(err)
	}
	seen := map[int]string{}
	parts := 0
	for _, f := range files(t, root) {
		if strings.HasPrefix(filepath.Base(f), ".") {
			t.Errorf("%s left", f)
		}
		if strings.HasSuffix(f, "/part-1.jsonl") {
			parts++
		}
		for _, l := range lines(t, filepath.Join(root, f)) {
			var r struct {
				Date string `json:"date"`
				Line int    `json:"source_line"`
			}
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatal(err)
			}
			if prev, ok := seen[r.Line]; ok {
				t.Errorf("row %d in %s and %s", r.Line, prev, f)
			}
			seen[r.Line] = f
			if want := fmt.Sprintf("hour=%02d/", 9+(r.Line-1)%hours); r.Line <= n && !strings.Contains(f, want) {
				t.Errorf("row %d (%s) in %s, want %s", r.Line, r.Date, f, want)
			}
		}
	}
	if len(seen) != n+1 {
		t.Errorf("%d rows written, want %d", len(seen), n+1)
	}
	if parts == 0 {
		t.Error("no partition went on in a part-1: the bound on open files was not met")
	}
	if f := seen[n+1]; f != "dt=__HIVE_DEFAULT_PARTITION__/hour=__HIVE_DEFAULT_PARTITION__/part-0.jsonl" {
		t.Errorf("the row with no date is in %s", f)
	}
}

// failingWriter fails its second write, as a full disk would.
type failingWriter struct {
	RowWriter
	writes int
}

func (f *failingWriter) Write(rows []Row) error {
	if f.writes++; f.writes > 1 {
		return errors.New("no space left on device")
	}
	return f.RowWriter.Write(rows)
}

// A file that cannot be written ends the run with its error, and leaves
// no temporary file: only the files complete before it.
func TestWriteErrorLeavesNoTempFile(t *testing.T) {
	failing := JSONL
	failing.New = func(w io.Writer) RowWriter { return &failingWriter{RowWriter: newJSONLWriter(w)} }
	var errOut bytes.Buffer
	p, err := pipeline.New(pipeline.Options{
		Files:   []string{"../../examples/kinds.ndjson", "../../examples/linux.ndjson"},
		Reading: input.Options{MaxRecord: input.DefaultMaxRecord}, Workers: 1, ErrOut: &errOut,
	})
	defer p.Close()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	_, err = runWith(p, Options{Dir: dir, Format: failing, Partition: ByHour}, limits{chunk: 1, waitCap: 1 << 20, rowGroup: 1 << 20, bufferCap: 1 << 20, openCap: 4})
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("error %v, want the write's", err)
	}
	for _, f := range files(t, dir) {
		if strings.HasPrefix(filepath.Base(f), ".") {
			t.Errorf("%s left", f)
		}
	}
}

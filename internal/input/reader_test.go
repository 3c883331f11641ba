package input_test

import (
	"bytes"
	stdgzip "compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/klauspost/compress/zstd"

	"github.com/csmctl/csmctl/internal/input"
)

// event is one thing Each handed out: a record or an input error, in order.
type event struct {
	rec input.Record
	err error
}

func (e event) String() string {
	if e.err != nil {
		return "error: " + e.err.Error()
	}
	return fmt.Sprintf("%s:%d %q", e.rec.File, e.rec.Line, e.rec.Data)
}

// events reads r to the end, keeping records and input errors in order.
func events(t *testing.T, r *input.Reader) []event {
	t.Helper()
	var out []event
	err := r.Each(func(rec *input.Record) error {
		c := *rec
		c.Data = bytes.Clone(rec.Data)
		out = append(out, event{rec: c})
		return nil
	}, func(err error) { out = append(out, event{err: err}) })
	if err != nil {
		t.Fatalf("Each: %v", err)
	}
	return out
}

func gzipped(t testing.TB, members ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, m := range members {
		w := stdgzip.NewWriter(&b)
		if _, err := w.Write([]byte(m)); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func zstded(t testing.TB, data string) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := zstd.NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(data)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// manyLines is NDJSON with some of everything framing sees, long enough
// that a compressed copy spans several reads.
func manyLines(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		switch {
		case i%50 == 0:
			b.WriteString("\n")
		case i%7 == 0:
			fmt.Fprintf(&b, "{\"n\":%d,\"s\":\"%s\"}\r\n", i, strings.Repeat("y", i%300))
		default:
			fmt.Fprintf(&b, "{\"n\":%d}\n", i)
		}
	}
	return b.String()
}

func TestCompressed(t *testing.T) {
	plainText := manyLines(3000) + jqPretty + "{\"last\":true}"
	plain := writeFile(t, "events.ndjson", []byte(plainText))
	want, errs := readAll(t, input.Open([]string{plain}, nil, input.Options{}))
	if len(errs) > 0 || len(want) < 2900 {
		t.Fatalf("plain: %d records, errors %v", len(want), errs)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"gzip", gzipped(t, plainText)},
		{"gzip members", gzipped(t, plainText[:1000], plainText[1000:5003], plainText[5003:])},
		{"zstd", zstded(t, plainText)},
	} {
		for _, bs := range []int{7, 4096, 0} {
			t.Run(fmt.Sprintf("%s/block=%d", c.name, bs), func(t *testing.T) {
				p := writeFile(t, "events.ndjson.x", c.data)
				recs, errs := readAll(t, input.Open([]string{p}, nil, input.Options{BlockSize: bs}))
				if len(errs) > 0 {
					t.Fatalf("input errors: %v", errs)
				}
				checkRecords(t, "(compressed)", reduce(recs), reduce(want))
				for _, r := range recs {
					if r.File != p {
						t.Fatalf("File = %q, want %q", r.File, p)
					}
				}
				// The same bytes on stdin are detected the same way.
				recs, errs = readAll(t, input.Open(nil, iotest.HalfReader(bytes.NewReader(c.data)), input.Options{BlockSize: bs}))
				if len(errs) > 0 {
					t.Fatalf("stdin: input errors: %v", errs)
				}
				checkRecords(t, "(compressed stdin)", reduce(recs), reduce(want))
			})
		}
	}
}

func TestGzipMembers(t *testing.T) {
	// Two gzip streams back to back, the second finishing the first's line.
	p := writeFile(t, "two.gz", gzipped(t, "{\"a\":", "1}\n{\"b\":2}\n"))
	recs, errs := readAll(t, input.Open([]string{p}, nil, input.Options{}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	checkRecords(t, "two members", reduce(recs), []got{ok(1, `{"a":1}`), ok(2, `{"b":2}`)})
}

// TestTruncated cuts compressed files short: the records before the cut come
// out, then one input error naming the file and the cut, then the next file.
func TestTruncated(t *testing.T) {
	// zstd hands out whole blocks of 128 KiB: make several.
	text := manyLines(20000)
	lines := strings.Split(text, "\n")
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"gzip", gzipped(t, text)},
		{"zstd", zstded(t, text)},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := c.data[:len(c.data)*2/3]
			cut := writeFile(t, "cut", data)
			next := writeFile(t, "next.ndjson", []byte("{\"next\":1}\n"))
			ev := events(t, input.Open([]string{cut, next}, nil, input.Options{BlockSize: 4096}))
			i := 0
			for ; i < len(ev) && ev[i].err == nil; i++ {
				r := ev[i].rec
				if r.File != cut {
					t.Fatalf("record %d from %q before the error", i, r.File)
				}
				want := strings.TrimSuffix(lines[r.Line-1], "\r")
				if string(r.Data) != want && !strings.HasPrefix(want, string(r.Data)) {
					t.Fatalf("line %d: %q, want %q", r.Line, r.Data, want)
				}
			}
			if i < 100 {
				t.Fatalf("only %d records before the cut", i)
			}
			if i == len(ev) {
				t.Fatal("no error for the truncated file")
			}
			var ie *input.Error
			want := fmt.Sprintf("%s: truncated %s stream after %d bytes", cut, c.name, len(data))
			if !errors.As(ev[i].err, &ie) || ie.File != cut || ie.Error() != want {
				t.Fatalf("error = %v, want *input.Error %q", ev[i].err, want)
			}
			if rest := ev[i+1:]; len(rest) != 1 || rest[0].err != nil || rest[0].rec.File != next {
				t.Fatalf("after the error: %v, want the next file's record", rest)
			}
		})
	}
}

// TestTrailingGarbage appends bytes that are not a compressed stream: the
// records before them come out, then an error saying where they start.
func TestTrailingGarbage(t *testing.T) {
	gz := gzipped(t, "{\"a\":1}\n", "{\"b\":2}\n") // two members: both are read
	zs := zstded(t, "{\"a\":1}\n{\"b\":2}\n")
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"gzip", append(bytes.Clone(gz), "garbage\n"...), fmt.Sprintf("trailing garbage after gzip stream at byte %d", len(gz))},
		{"gzip zeros", append(bytes.Clone(gz), make([]byte, 512)...), fmt.Sprintf("trailing garbage after gzip stream at byte %d", len(gz))},
		{"gzip one byte", append(bytes.Clone(gz), 0x1f), fmt.Sprintf("trailing garbage after gzip stream at byte %d", len(gz))},
		{"gzip second header cut", append(bytes.Clone(gz), 0x1f, 0x8b, 8), fmt.Sprintf("truncated gzip stream after %d bytes", len(gz)+3)},
		{"zstd", append(bytes.Clone(zs), "garbage\n"...), "trailing garbage after zstd stream"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, "x", c.data)
			ev := events(t, input.Open([]string{p}, nil, input.Options{}))
			want := fmt.Sprintf(`[%[1]s:1 "{\"a\":1}" %[1]s:2 "{\"b\":2}" error: %[1]s: %[2]s]`, p, c.want)
			if fmt.Sprint(ev) != want {
				t.Errorf("got  %v\nwant %s", ev, want)
			}
		})
	}
}

func TestCorruptHeader(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"gzip", []byte("\x1f\x8b\x09\x00\x00\x00\x00\x00\x00\x03junk\n"), "corrupt gzip stream after 10 bytes: gzip: invalid header"}, // method 9
		{"gzip header cut", []byte("\x1f\x8b\x08junk junk junk\n"), "truncated gzip stream after 18 bytes"},                            // 'j': FEXTRA with 0x6e75 bytes
		{"zstd", []byte("\x28\xb5\x2f\xfd\xff\xff\xff\xff junk\n"), "corrupt zstd stream"},
		// 1 GiB: Window_Descriptor exponent 20, mantissa 0 (zstd --long=30).
		{"zstd window", []byte("\x28\xb5\x2f\xfd\x00\xa0\x00\x00\x00\x00\x00\x00"), "zstd window of 1 GiB exceeds the 512 MiB limit"},
		// 640 MiB: exponent 19, mantissa 2.
		{"zstd window with mantissa", []byte("\x28\xb5\x2f\xfd\x00\x9a\x00\x00\x00\x00\x00\x00"), "zstd window of 640 MiB exceeds the 512 MiB limit"},
		// Single segment: the window is the 1 GiB content size.
		{"zstd single segment", []byte("\x28\xb5\x2f\xfd\xa0\x00\x00\x00\x40\x01\x00\x00"), "zstd window of 1 GiB exceeds the 512 MiB limit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := writeFile(t, "bad", c.data)
			ev := events(t, input.Open([]string{bad, "-"}, strings.NewReader("{}\n"), input.Options{}))
			var ie *input.Error
			if len(ev) != 2 || !errors.As(ev[0].err, &ie) || ie.File != bad || !strings.HasPrefix(ie.Error(), bad+": "+c.want) {
				t.Fatalf("got %v, want %s: %s, then stdin's record", ev, bad, c.want)
			}
			if ev[1].err != nil || ev[1].rec.File != input.StdinName {
				t.Fatalf("got %v after the error, want stdin's record", ev[1])
			}
		})
	}
}

// TestUTF16 refuses UTF-16 input once, with the way to convert it, and
// reads the next input; compressed UTF-16 too.
func TestUTF16(t *testing.T) {
	le := []byte("{\x00}\x00\n\x00")
	be := []byte("\x00{\x00}\x00\n")
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"LE with BOM", append([]byte{0xff, 0xfe}, le...), "iconv -f UTF-16 -t UTF-8"},
		{"BE with BOM", append([]byte{0xfe, 0xff}, be...), "iconv -f UTF-16 -t UTF-8"},
		{"LE", le, "iconv -f UTF-16LE -t UTF-8"},
		{"BE", be, "iconv -f UTF-16BE -t UTF-8"},
		{"gzip LE with BOM", gzipped(t, "\xff\xfe"+string(le)), "iconv -f UTF-16 -t UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, "utf16.json", c.data)
			ev := events(t, input.Open([]string{p, "-"}, strings.NewReader("{}\n"), input.Options{}))
			want := fmt.Sprintf(`[error: %s: input is UTF-16; convert it with %s <stdin>:1 "{}"]`, p, c.want)
			if fmt.Sprint(ev) != want {
				t.Errorf("got  %v\nwant %s", ev, want)
			}
			if !errors.Is(ev[0].err, input.ErrUTF16) {
				t.Errorf("%v is not ErrUTF16", ev[0].err)
			}
		})
	}
	// UTF-8 that merely holds NULs later on is read as it is.
	p := writeFile(t, "nul.ndjson", []byte("{}\n\x00\x01\x00\x02\n"))
	if ev := events(t, input.Open([]string{p}, nil, input.Options{})); len(ev) != 2 || ev[0].err != nil || ev[1].err != nil {
		t.Errorf("got %v, want two records", ev)
	}
}

func TestMissingFiles(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.ndjson")
	good := writeFile(t, "good.ndjson", []byte("{\"a\":1}\n"))
	ev := events(t, input.Open([]string{missing, good}, nil, input.Options{}))
	if len(ev) != 2 {
		t.Fatalf("got %v, want an error and a record", ev)
	}
	var ie *input.Error
	if !errors.As(ev[0].err, &ie) || ie.File != missing || !errors.Is(ie, fs.ErrNotExist) {
		t.Errorf("missing file: %#v, want *input.Error not-exist", ev[0].err)
	}
	if ie.Error() != missing+": "+ie.Err.Error() || strings.Count(ie.Error(), missing) != 1 {
		t.Errorf("message %q names the file other than once", ie.Error())
	}
	if ev[1].err != nil || ev[1].rec.File != good || string(ev[1].rec.Data) != `{"a":1}` {
		t.Errorf("then %v, want the good file's record", ev[1])
	}
	if ev := events(t, input.Open([]string{dir}, nil, input.Options{})); len(ev) != 0 {
		t.Errorf("an empty directory gave %v, want nothing", ev)
	}
}

// failingReader hands out its data, then fails as a broken disk or pipe does.
type failingReader struct {
	data []byte
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

// TestReadError checks that a failure to read is passed on as the system's
// error whether or not the input is compressed, and that the records read
// before it come out first.
func TestReadError(t *testing.T) {
	eio := errors.New("input/output error")
	text := "{\"a\":1}\n{\"b\":2}\n"
	gz := gzipped(t, text+manyLines(2000))
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"plain", []byte(text)},
		{"gzip", gz[:len(gz)/2]},
	} {
		t.Run(c.name, func(t *testing.T) {
			ev := events(t, input.Open(nil, &failingReader{c.data, eio}, input.Options{}))
			if len(ev) < 3 || ev[0].err != nil || ev[1].err != nil || string(ev[1].rec.Data) != `{"b":2}` {
				t.Fatalf("got %v, want the records before the error", ev)
			}
			last := ev[len(ev)-1]
			var ie *input.Error
			if !errors.As(last.err, &ie) || ie.File != input.StdinName || !errors.Is(ie, eio) || ie.Error() != input.StdinName+": "+eio.Error() {
				t.Fatalf("last = %#v, want *input.Error for stdin wrapping the read error", last.err)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	for _, paths := range [][]string{nil, {}, {"-"}} {
		ev := events(t, input.Open(paths, strings.NewReader("{\"a\":1}\n\n{\"b\":2}\n"), input.Options{}))
		if fmt.Sprint(ev) != `[<stdin>:1 "{\"a\":1}" <stdin>:3 "{\"b\":2}"]` {
			t.Errorf("paths %q: %v", paths, ev)
		}
	}
	// Files and stdin mixed keep their order and their names.
	a := writeFile(t, "a.ndjson", []byte("{\"a\":1}"))
	gz := writeFile(t, "b.ndjson.gz", gzipped(t, "{\"b\":1}\n"))
	ev := events(t, input.Open([]string{a, "-", gz}, strings.NewReader("[{\"s\":1}]"), input.Options{}))
	want := fmt.Sprintf(`[%s:1 "{\"a\":1}" <stdin>:1 "{\"s\":1}" %s:1 "{\"b\":1}"]`, a, gz)
	if fmt.Sprint(ev) != want {
		t.Errorf("mixed inputs: %v\nwant %s", ev, want)
	}
}

// TestProgress checks that the bytes read are counted for every input,
// compressed ones as they are on disk, and that the total is their size, or
// unknown (0) when an input is a pipe.
func TestProgress(t *testing.T) {
	a := writeFile(t, "a.ndjson", []byte(manyLines(1000)))
	b := writeFile(t, "b.ndjson.gz", gzipped(t, manyLines(1000)))
	var size int64
	for _, p := range []string{a, b} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		size += fi.Size()
	}
	stdinFile, err := os.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer stdinFile.Close()
	missing := filepath.Join(t.TempDir(), "missing")
	for _, c := range []struct {
		name       string
		paths      []string
		stdin      io.Reader
		done, want int64
	}{
		{"files", []string{a, b, missing}, nil, size, size},
		{"a pipe: total unknown", []string{a, "-", b}, strings.NewReader("{}\n"), size + 3, 0},
		{"a pipe alone", nil, strings.NewReader("{}\n"), 3, 0},
		{"stdin redirected from a file", []string{"-", b}, stdinFile, size, size},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := input.Open(c.paths, c.stdin, input.Options{BlockSize: 512})
			if done, total := r.Progress(); done != 0 || total != c.want {
				t.Fatalf("before reading: Progress() = %d, %d; want 0, %d", done, total, c.want)
			}
			events(t, r)
			if done, total := r.Progress(); done != c.done || total != c.want {
				t.Fatalf("after reading: Progress() = %d, %d; want %d, %d", done, total, c.done, c.want)
			}
		})
	}
}

func TestSpool(t *testing.T) {
	f, cleanup, err := input.Spool(strings.NewReader("{\"a\":1}\n{\"b\":2}\n"))
	if err != nil {
		t.Fatal(err)
	}
	name := f.Name()
	if _, err := os.Stat(name); runtime.GOOS != "windows" && !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("spool file %s still in its directory while in use: %v", name, err)
	}
	for pass := 1; pass <= 2; pass++ {
		ev := events(t, input.Open(nil, f, input.Options{}))
		if fmt.Sprint(ev) != `[<stdin>:1 "{\"a\":1}" <stdin>:2 "{\"b\":2}"]` {
			t.Fatalf("pass %d: %v", pass, ev)
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			t.Fatal(err)
		}
	}
	cleanup()
	if _, err := os.Stat(name); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("spool file %s left behind: %v", name, err)
	}
}

func TestEachStops(t *testing.T) {
	stop := errors.New("stop")
	var lines []int
	errs := 0
	r := input.Open(nil, strings.NewReader(manyLines(1000)), input.Options{BlockSize: 100})
	err := r.Each(func(rec *input.Record) error {
		lines = append(lines, rec.Line)
		if rec.Line == 10 {
			return stop
		}
		return nil
	}, func(error) { errs++ })
	if err != stop || fmt.Sprint(lines) != "[1 2 3 4 5 6 7 8 9 10]" || errs != 0 {
		t.Errorf("Each = %v after lines %v and %d input errors; want it to stop at line 10 with fn's error", err, lines, errs)
	}
}

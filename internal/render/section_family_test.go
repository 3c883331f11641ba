package render

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/csmctl/csmctl/internal/model"
)

// Every top-level family of the Linux schema has a section of its own,
// found in the registry by the property it shows, titled with the
// property's key: the generic section is only the fallback for a property a
// schema gains. An event with only that family, every field filled, shows
// the section, and between the rule and the process, as issue 11 orders
// them (the contexts cgroup, security_profile and dd after the container).
func TestEveryLinuxFamilyHasItsSection(t *testing.T) {
	orderOf := func(name string) int {
		i := slices.IndexFunc(showSections.sections, func(s *showSection) bool { return s.name == name })
		if i < 0 {
			t.Fatalf("no section %q", name)
		}
		return showSections.sections[i].order
	}
	contexts := []string{"cgroup", "security_profile", "dd"}
	evType := reflect.TypeFor[model.Event]()
	for _, key := range linuxOnlyProperties() {
		i := slices.IndexFunc(showSections.sections, func(s *showSection) bool { return slices.Contains(s.shows, key) })
		if i < 0 {
			t.Errorf("no section shows the Linux family %q", key)
			continue
		}
		s := showSections.sections[i]
		if s.name != key {
			t.Errorf("the section for %q is named %q", key, s.name)
		}
		if slices.Contains(contexts, key) {
			if s.order <= orderOf("container") {
				t.Errorf("context section %q at %d, not after the container", key, s.order)
			}
		} else if s.order <= orderOf("evt.matched_rules") || s.order >= orderOf("process") {
			t.Errorf("family section %q at %d, not between the rule and the process", key, s.order)
		}
		var ev model.Event
		for j := range evType.NumField() {
			if k, _, _ := strings.Cut(evType.Field(j).Tag.Get("json"), ","); k == key {
				fillValue(reflect.ValueOf(&ev).Elem().Field(j), "v")
			}
		}
		if !s.has(&ev) {
			t.Errorf("section %q says an event with %q has nothing for it", key, key)
			continue
		}
		var buf bytes.Buffer
		ShowEvent(&buf, &ev, Source{File: "f", Line: 1}, ShowLayout{})
		if !strings.Contains(buf.String(), "\n"+key+"\n") {
			t.Errorf("an event with only %q has no section titled so:\n%s", key, buf.String())
		}
	}
}

// A family's section shows every field the event has: with every field of
// the family filled (text "v-FIELD"-like markers, 7 for integers), each
// marker of the family's text fields shows up in its output.
func TestFamilySectionsShowEveryField(t *testing.T) {
	evType := reflect.TypeFor[model.Event]()
	for _, key := range linuxOnlyProperties() {
		var ev model.Event
		var markers []string
		for j := range evType.NumField() {
			if k, _, _ := strings.Cut(evType.Field(j).Tag.Get("json"), ","); k == key {
				markers = fillMarkers(reflect.ValueOf(&ev).Elem().Field(j), key)
			}
		}
		var buf bytes.Buffer
		ShowEvent(&buf, &ev, Source{File: "f", Line: 1}, ShowLayout{})
		for _, m := range markers {
			if !strings.Contains(buf.String(), m) {
				t.Errorf("%s: %q is not shown:\n%s", key, m, buf.String())
			}
		}
	}
}

// fillMarkers fills v as fillValue does, but each text gets its own
// marker, its dotted path; it returns the markers.
func fillMarkers(v reflect.Value, path string) []string {
	switch v.Kind() {
	case reflect.String:
		v.SetString("<" + path + ">")
		return []string{"<" + path + ">"}
	case reflect.Pointer:
		if v.Type().Elem().Kind() == reflect.Struct && v.Type().Elem() != reflect.TypeFor[model.Time]() {
			v.Set(reflect.New(v.Type().Elem()))
			return fillMarkers(v.Elem(), path)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[model.Int]() || v.Type() == reflect.TypeFor[model.Time]() {
			fillValue(v, "")
			return nil
		}
		var ms []string
		for i := range v.NumField() {
			sf := v.Type().Field(i)
			key, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if !sf.IsExported() || key == "-" {
				continue
			}
			if sf.Anonymous && key == "" {
				ms = append(ms, fillMarkers(v.Field(i), path)...)
				continue
			}
			ms = append(ms, fillMarkers(v.Field(i), path+"."+key)...)
		}
		return ms
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Struct {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			return fillMarkers(v.Index(0), path+".0")
		}
	}
	fillValue(v, "x")
	return nil
}

// restRows shows what a section does not: nested keys dotted, list items
// numbered, a shown nested key left out alone, a mode decoded, rule
// variables left to their own section, an ill-typed integer as written.
func TestRestRows(t *testing.T) {
	ev, err := model.Decode([]byte(`{
	 "dns":{"id":"7","question":{"name":"a.example","type":"A","class":"CLASS_INET"},"response":{"code":3}},
	 "cgroup_write":{"pid":1,"file":{"path":"/sys/fs/cgroup/x","mode":16877}},
	 "cgroup":{"id":"/","variables":{"k":1}},
	 "network_flow_monitor":{"flows":[{"l3_protocol":"ETH_P_IP"},{"l3_protocol":"ETH_P_IPV6"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	tbl := NewTable(&buf, TableOptions{})
	restRows(tbl, "", ev.DNS, "question.name", "response")
	restRows(tbl, "cw.", ev.CGroupWrite, "pid")
	restRows(tbl, "", ev.CGroup)
	restRows(tbl, "", ev.NetworkFlowMonitor)
	if err := tbl.Render(); err != nil {
		t.Fatal(err)
	}
	want := "id                   \"7\" (invalid)\n" +
		"question.class       CLASS_INET\n" +
		"question.type        A\n" +
		"cw.file.path         /sys/fs/cgroup/x\n" +
		"cw.file.mode         16877 (040755 drwxr-xr-x)\n" +
		"id                   /\n" +
		"flows.0.l3_protocol  ETH_P_IP\n" +
		"flows.1.l3_protocol  ETH_P_IPV6\n"
	checkText(t, buf.String(), want)
}

package cmd

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// A subcommand's file only wires flags into options and hands them to
// internal/: an options struct, its constructor, its run function, its -o
// list and constants for flag defaults. A tally, a printer or a message
// written here would be logic a new subcommand could not reuse.
func TestSubcommandFilesOnlyWire(t *testing.T) {
	for _, name := range []string{"show", "tree", "validate"} {
		t.Run(name, func(t *testing.T) {
			file := name + ".go"
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			title := strings.ToUpper(name[:1]) + name[1:]
			allowed := map[string]bool{
				title + "Options":     true,
				"new" + title + "Cmd": true,
				"run" + title:         true,
				name + "Outputs":      true,
			}
			check := func(kind, name string) {
				if !allowed[name] {
					t.Errorf("%s: %s %s is not wiring: move it to internal/", file, kind, name)
				}
			}
			for _, decl := range f.Decls {
				switch d := decl.(type) {
				case *ast.FuncDecl:
					check("func", d.Name.Name)
				case *ast.GenDecl:
					for _, spec := range d.Specs {
						switch s := spec.(type) {
						case *ast.TypeSpec:
							check("type", s.Name.Name)
						case *ast.ValueSpec:
							if d.Tok == token.VAR {
								for _, n := range s.Names {
									check("var", n.Name)
								}
							}
						}
					}
				}
			}
			// Messages go through the pipeline's one problem writer.
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok && x.Name == "fmt" && strings.HasPrefix(sel.Sel.Name, "Fprint") {
						t.Errorf("%s: fmt.%s writes around the pipeline's problem writer", file, sel.Sel.Name)
					}
				}
				return true
			})
		})
	}
}

// Package treeview is a tree run: it rebuilds the process lineage of a
// pipeline's events, keeps the processes the selectors point at, draws the
// forests with one of its printers and says what it left out.
package treeview

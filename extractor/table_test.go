package extractor_test

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/modelwire/modelwire/extractor"
)

func TestTables(t *testing.T) {
	page := `<html><body><p>intro</p>
<table><thead><tr><th>Model</th><th>MMLU</th></tr></thead>
<tbody><tr><td><b>Qwen2.5-72B</b></td><td> 86.1 </td></tr>
<tr><td>Llama-3.1-70B</td><td>83.6<table><tr><td>x</td></tr><tr><td>y</td></tr></table></td></tr></tbody></table>
<table><tr><td>layout only</td></tr></table></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	got := extractor.Tables(doc)
	want := []extractor.Table{
		{{"Model", "MMLU"}, {"Qwen2.5-72B", "86.1"}, {"Llama-3.1-70B", "83.6"}},
		{{"x"}, {"y"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tables =\n%q\nwant\n%q", got, want)
	}
}

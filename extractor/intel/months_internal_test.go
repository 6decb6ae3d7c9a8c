package intel

import (
	"testing"

	"github.com/modelwire/modelwire/configs"
)

func TestMonthAbbreviation(t *testing.T) {
	cat, err := configs.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	an := New(cat)
	for _, tc := range []struct {
		word string
		want int
	}{
		{"Jan", 1}, {"Oct", 10}, {"Dec", 12}, {"Sept", 9}, {"Sep", 9},
		{"Octo", 0}, {"Marc", 0}, {"Janu", 0}, {"May", 0}, {"Ju", 0}, {"oct", 0}, {"October", 0},
	} {
		if got := an.monthAbbreviation([]byte(tc.word)); got != tc.want {
			t.Errorf("monthAbbreviation(%q) = %d, want %d", tc.word, got, tc.want)
		}
	}
}

package intel

import (
	"testing"

	"github.com/modelwire/modelwire/configs"
)

func TestMonthAbbreviation(t *testing.T) {
	an := testAnalyzer(t)
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

func TestNumberBefore(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width int
		want  string
	}{
		{"12月", 2, "12"}, {"발표 11 월", 2, "11"}, {"112月", 2, "12"}, {"今年月", 2, ""}, {"12日", 2, ""},
		{"2025年", 4, "2025"}, {"2025 년", 4, "2025"}, {"25年", 4, "25"}, {"12025年", 4, "2025"},
	} {
		if got := string(numberBefore([]byte(tc.text), tc.width, "年", "년", "月", "월")); got != tc.want {
			t.Errorf("numberBefore(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
	}
}

func TestDayAfterMonth(t *testing.T) {
	for _, tc := range []struct {
		after string
		day   int
		year  int
	}{
		{" 30, 2024", 30, 2024}, {" 24th, 2025)", 24, 2025}, {" 3", 3, 0}, {" 2025", 0, 2025},
		{", 2025", 0, 0}, {" 32, 2025", 0, 0}, {" 24 20250", 24, 0}, {" launch", 0, 0},
	} {
		day, rest := dayAfterMonth([]byte(tc.after))
		if year := leadingYear(rest); day != tc.day || year != tc.year {
			t.Errorf("dayAfterMonth(%q) = %d, year %d; want %d, year %d", tc.after, day, year, tc.day, tc.year)
		}
	}
}

func TestMonthName(t *testing.T) {
	an := testAnalyzer(t)
	for _, tc := range []struct {
		word      string
		beforeDay bool
		want      int
	}{
		{"December", false, 12}, {"Oct.", false, 10}, {"Sept.", false, 9}, {"Dec", false, 0},
		{"Dec", true, 12}, {"Sept", true, 9}, {"Octo", true, 0}, {"December.", true, 0}, {"may", true, 0},
	} {
		if got := an.monthName([]byte(tc.word), tc.beforeDay); got != tc.want {
			t.Errorf("monthName(%q, %v) = %d, want %d", tc.word, tc.beforeDay, got, tc.want)
		}
	}
}

func TestDayOrPart(t *testing.T) {
	s := &state{an: testAnalyzer(t)}
	for _, tc := range []struct {
		rest string
		want int
	}{
		{"24日发布", 24}, {"3일 공개", 3}, {"上旬", 5}, {"초 출시", 3}, {"下旬に", 25},
		{"32日", 0}, {"0日", 0}, {"123日", 0}, {"5 초", 0}, {"24 日", 0}, {"发布", 0},
	} {
		if got := s.dayOrPart([]byte(tc.rest)); got != tc.want {
			t.Errorf("dayOrPart(%q) = %d, want %d", tc.rest, got, tc.want)
		}
	}
}

// testAnalyzer returns an analyzer of the embedded catalog.
func testAnalyzer(t *testing.T) *Analyzer {
	t.Helper()
	cat, err := configs.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	return New(cat)
}

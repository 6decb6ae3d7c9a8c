package announce

import "testing"

func TestStateKey(t *testing.T) {
	tests := []struct{ key, want string }{
		{"deepseek.deepseek-v3", "deepseek.deepseek-v3"},
		{"alibaba.큐웬3", "alibaba.xn--3-w66fl4v"},
		{"한빛랩.바다-2", "xn--yj2bz0k0vv.xn---2-o35io71a"},
	}
	for _, tt := range tests {
		got := stateKey(tt.key)
		if got != tt.want {
			t.Errorf("stateKey(%q) = %q, want %q", tt.key, got, tt.want)
		}
		for i := 0; i < len(got); i++ {
			if got[i] >= 0x80 {
				t.Errorf("stateKey(%q) = %q is not ASCII", tt.key, got)
				break
			}
		}
		if back := releaseKeyOf(got); back != tt.key {
			t.Errorf("releaseKeyOf(%q) = %q, want %q", got, back, tt.key)
		}
	}
}

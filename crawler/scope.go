package crawler

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
)

// Scope tells whether a page belongs to a source, the way a pass decides
// for the pages its listings and links name: within the source's allowed
// domains and matching its include and exclude patterns. A source of
// feeds only, whose items may point anywhere, is scoped to its feeds'
// hosts. Import uses it to take from a web archive the pages of the
// configured sources. Safe for concurrent use.
type Scope struct {
	domains          []string
	include, exclude []*regexp.Regexp
}

// NewScope returns the scope of src.
func NewScope(src Source) (*Scope, error) {
	s := &Scope{domains: src.domains()}
	if len(s.domains) == 0 {
		for _, raw := range src.Feeds {
			if u, err := url.Parse(raw); err == nil && u.Hostname() != "" && !slices.Contains(s.domains, u.Hostname()) {
				s.domains = append(s.domains, u.Hostname())
			}
		}
	}
	var err error
	if s.include, err = compileAll(src.Include); err != nil {
		return nil, fmt.Errorf("source %s: include: %w", src.Name, err)
	}
	if s.exclude, err = compileAll(src.Exclude); err != nil {
		return nil, fmt.Errorf("source %s: exclude: %w", src.Name, err)
	}
	return s, nil
}

// Contains reports whether the page at rawURL is in the scope.
func (s *Scope) Contains(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil || !domainAllowed(u.Hostname(), s.domains) {
		return false
	}
	for _, re := range s.exclude {
		if re.MatchString(rawURL) {
			return false
		}
	}
	if len(s.include) == 0 {
		return true
	}
	for _, re := range s.include {
		if re.MatchString(rawURL) {
			return true
		}
	}
	return false
}

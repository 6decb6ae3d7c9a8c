package intel

import (
	"strings"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor/catalog"
)

// repositoryConfidence is the confidence of a release read from a new model
// repository: the repository is the model itself, published by its maker,
// hours before any article. Articles announcing a release score up to 0.9.
const repositoryConfidence = 0.97

// hubOrgs maps a lower-case Hugging Face organisation to its vendor's index
// in the catalog (catalog.Vendor.HuggingFace).
type hubOrgs map[string]int

// newHubOrgs maps each vendor's Hugging Face organisations.
func newHubOrgs(cat *catalog.Catalog) hubOrgs {
	return orgIndex(cat, func(v catalog.Vendor) []string { return v.HuggingFace })
}

// newCodeOrgs maps a lower-case code host organisation that is no name of
// its vendor to the vendor's index in the catalog (catalog.Vendor.CodeOrgs).
func newCodeOrgs(cat *catalog.Catalog) hubOrgs {
	return orgIndex(cat, func(v catalog.Vendor) []string { return v.CodeOrgs })
}

// orgIndex maps each lower-case organisation that orgs lists for a vendor
// to that vendor's index in the catalog.
func orgIndex(cat *catalog.Catalog, orgs func(catalog.Vendor) []string) hubOrgs {
	m := hubOrgs{}
	for i, v := range cat.Vendors {
		for _, org := range orgs(v) {
			m[strings.ToLower(org)] = i
		}
	}
	return m
}

// repositoryRelease applies the first-hand evidence of a model card (an
// article with a Repository): the repository's model is released by the
// organisation that owns it — a catalog vendor when the catalog lists the
// organisation, a discovered vendor named after it otherwise — at the
// repository's creation date. It is the card's only release: other models a
// card names are bases, comparisons or siblings with repositories of their
// own. Packaging suffixes ("-FP8", "-GGUF") are dropped from the name, so a
// quantised copy corroborates its model instead of being a release of its
// own.
//
// It runs after the text analysis and changes only the article's vendors,
// models and releases.
func (an *Analyzer) repositoryRelease(a *event.Article) {
	repo := a.Repository
	if repo == nil || repo.Hub != event.HubHuggingFace {
		return
	}
	org, name, ok := strings.Cut(repo.ID, "/")
	if !ok || org == "" || name == "" {
		return
	}
	vendor := event.Vendor{ID: event.Slug(org), Name: org, Mentions: []string{org},
		Resolution: &event.Resolution{Confidence: resolveConf.discovered, Reason: "not in the catalog: owner of a Hugging Face model repository", Provisional: true}}
	if i, ok := an.hub[strings.ToLower(org)]; ok {
		vendor = event.Vendor{ID: an.cat.Vendors[i].ID, Name: an.cat.Vendors[i].Name, Mentions: []string{org},
			Resolution: &event.Resolution{Confidence: resolveConf.catalog, Reason: "catalogued Hugging Face organisation"}}
	}
	name = an.withoutFormats(name)
	// The repository's model under its canonical identity: "Kimi-K2-Instruct"
	// as the catalog names it, a name no catalog knows as a discovery.
	model := event.Model{ID: modelID(vendor.ID, name), Name: name, Mentions: []string{name}, Count: 1,
		Resolution: &event.Resolution{Confidence: resolveConf.discovered, Reason: "not in the catalog: a Hugging Face model repository", Provisional: true}}
	if known, ok := an.ResolveModel(name); ok && (known.Vendor == vendor.ID || vendor.Resolution.Provisional) {
		model = known
		model.Mentions, model.Count = []string{name}, 1
	}
	key := string(appendFold(nil, []byte(model.Name)))

	found := -1
	for i, m := range a.Models {
		if string(appendFold(nil, []byte(m.Name))) == key {
			found = i
			break
		}
	}
	if found < 0 {
		a.Models = append([]event.Model{model}, a.Models...)
		found = 0
	}
	m := &a.Models[found]
	if m.Vendor != vendor.ID && !vendor.Resolution.Provisional {
		m.Vendor, m.ID = vendor.ID, modelID(vendor.ID, m.Name)
	}
	if m.License == "" {
		m.License = repo.License
	}

	hasVendor := false
	for i := range a.Vendors {
		if a.Vendors[i].ID == vendor.ID {
			hasVendor = true
			break
		}
	}
	if !hasVendor {
		vendor.Count = 1
		a.Vendors = append([]event.Vendor{vendor}, a.Vendors...)
	}

	published := repo.CreatedAt
	if published.IsZero() {
		published = a.PublishedAt
	}
	evidence := "new Hugging Face model repository " + repo.ID
	if !repo.CreatedAt.IsZero() {
		evidence += ", created " + repo.CreatedAt.UTC().Format("2006-01-02 15:04 MST")
	}
	a.Releases = []event.Release{{
		Model: m.Name, ModelID: m.ID, Vendor: m.Vendor, Confidence: repositoryConfidence,
		Evidence: evidence, PublishedAt: published,
	}}
}

// withoutFormats drops trailing packaging parts from a repository name:
// "Qwen3-8B-FP8" → "Qwen3-8B", "DeepSeek-V3-GGUF" → "DeepSeek-V3".
func (an *Analyzer) withoutFormats(name string) string {
	for {
		i := strings.LastIndexAny(name, "-_")
		if i <= 0 || !an.isFormat(name[i+1:]) {
			return name
		}
		name = name[:i]
	}
}

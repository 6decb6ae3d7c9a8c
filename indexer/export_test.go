package indexer

import (
	"encoding/json"

	"github.com/modelwire/modelwire/event"
)

// EncodeArticle is the JSON the Elastic store sends for a, for benchmarks
// that send the same documents without the store.
func EncodeArticle(a event.Article) ([]byte, error) { return json.Marshal(articleSourceOf(a)) }

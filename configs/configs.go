// Package configs embeds modelwire's shipped data files, so the binary works
// without them on disk: the vendor, model and benchmark catalog
// (configs/catalog/*.yaml).
package configs

import (
	"embed"
	"io/fs"

	"github.com/modelwire/modelwire/extractor/catalog"
)

//go:embed catalog/*.yaml
var catalogFiles embed.FS

// CatalogFS returns the embedded catalog files, at the root of the FS.
func CatalogFS() fs.FS {
	sub, err := fs.Sub(catalogFiles, "catalog")
	if err != nil {
		panic(err) // "catalog" is a valid path: fs.Sub cannot fail
	}
	return sub
}

// Catalog loads the embedded catalog.
func Catalog() (*catalog.Catalog, error) {
	return catalog.Load(CatalogFS())
}

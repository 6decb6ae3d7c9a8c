// Command testsite serves the generated loopback news site of
// internal/testsite — N English articles plus the handcrafted multilingual
// ones, with an RSS feed listing them all — for measuring `modelwire run`
// as a built binary. It prints the site's URL on the first line of stdout
// and serves until it gets SIGINT or SIGTERM.
//
// Usage:
//
//	go -C bench run ./testsite -articles 2000
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/modelwire/modelwire/internal/testsite"
)

func main() {
	articles := flag.Int("articles", 2000, "articles on the site (at least 6: the handcrafted ones come first)")
	flag.Parse()
	site := testsite.New(testsite.Options{Extra: max(*articles-6, 0)})
	defer site.Close()
	fmt.Println(site.URL)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
}

// Command modelwire tracks AI model releases across the world's news: it
// crawls sources, extracts articles and release intelligence, indexes them
// for search and publishes release events on NATS.
package main

import "os"

func main() {
	os.Exit(execute(os.Args[1:], os.Stdout, os.Stderr))
}

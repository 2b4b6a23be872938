// Command berakhlak is a terminal survey kiosk for the Indeks BerAKHLAK: it
// collects the civil service's work-culture survey anonymously and stores it
// in one bbolt file. See README.md and docs/ARCHITECTURE.md.
package main

import (
	"os"

	"github.com/berakhlak/berakhlak/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

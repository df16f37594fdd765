// Command equip is the workforce equality monitoring pipeline; see the README.
package main

import (
	"context"
	"os"

	"github.com/equip-project/equip/internal/cli"
)

func main() {
	os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

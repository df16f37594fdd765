package html

import (
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	out := os.Getenv("PAY_DUMP")
	if out == "" {
		t.Skip()
	}
	if err := Write(out, payPublication()); err != nil {
		t.Fatal(err)
	}
}

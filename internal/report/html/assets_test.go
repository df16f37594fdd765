package html

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"regexp"
	"testing"
)

// TestEmbeddedEChartsMatchesREADME checks that the inlined ECharts is the
// release, and the exact file, that assets/README.md names.
func TestEmbeddedEChartsMatchesREADME(t *testing.T) {
	readme, err := os.ReadFile("assets/README.md")
	if err != nil {
		t.Fatal(err)
	}
	named := regexp.MustCompile(`Apache ECharts (\d+\.\d+\.\d+)`).FindSubmatch(readme)
	if named == nil {
		t.Fatal("assets/README.md names no ECharts version")
	}
	// The library sets its own version as t.version="x.y.z"; the bundled
	// zrender's version is written version:"…" and does not match.
	embedded := regexp.MustCompile(`\.version="(\d+\.\d+\.\d+)"`).FindStringSubmatch(echartsJS)
	if embedded == nil {
		t.Fatal("assets/echarts.min.js carries no version string")
	}
	if embedded[1] != string(named[1]) {
		t.Errorf("embedded ECharts is %s, README names %s", embedded[1], named[1])
	}
	if embedded[1] != "5.6.0" {
		t.Errorf("embedded ECharts is %s, want 5.6.0, the last ECharts 5 release (go-echarts v2.6.7 writes ECharts 5 options)", embedded[1])
	}
	for _, cmd := range []*regexp.Regexp{
		regexp.MustCompile(`npm pack echarts@` + regexp.QuoteMeta(embedded[1])),
		regexp.MustCompile(`tar -xzf echarts-` + regexp.QuoteMeta(embedded[1]) + `\.tgz`),
	} {
		if !cmd.Match(readme) {
			t.Errorf("README's refresh command does not match %s", cmd)
		}
	}
	sum := sha256.Sum256([]byte(echartsJS))
	if want := hex.EncodeToString(sum[:]); !regexp.MustCompile("`" + want + "`").Match(readme) {
		t.Errorf("README does not give the embedded file's sha256 %s", want)
	}
	for _, f := range []string{"assets/LICENSE", "assets/NOTICE", "assets/LICENSE-d3"} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("licence file missing: %v", err)
		}
	}
}

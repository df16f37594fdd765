package html

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestDashboardRendersInChromium loads the fixture's dashboard, with the
// pay charts (negative values among them), the headcount line and the
// employment monitoring charts, in headless Chromium, offline, and checks
// from the DOM that every chart was drawn and no script failed. It is
// skipped where Chromium is not installed.
func TestDashboardRendersInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not on PATH")
	}
	pub := monitoringPublication()
	path, _ := writeFixture(t, pub)
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
		"--host-resolver-rules=MAP * ~NOTFOUND", // any request to another host fails
		"--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0",
		"--virtual-time-budget=5000", "--dump-dom", "file://"+filepath.ToSlash(abs))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	dom := stdout.String()

	for _, line := range strings.Split(stderr.String(), "\n") {
		// Chromium logs every console message, errors included, as CONSOLE lines;
		// the page itself logs nothing.
		if strings.Contains(line, ":CONSOLE") || strings.Contains(line, "Uncaught") {
			t.Errorf("console message: %s", line)
		}
	}
	errs := regexp.MustCompile(`<div id="js-errors"[^>]*>(.*?)</div>`).FindStringSubmatch(dom)
	if errs == nil {
		t.Fatal("no #js-errors element in the DOM")
	}
	if errs[1] != "" {
		t.Errorf("script errors: %s", errs[1])
	}
	ids := []string{headcountChartID}
	for _, c := range pub.Charts {
		ids = append(ids, c.ID)
	}
	for _, id := range ids {
		tag := regexp.MustCompile(`<div class="chart" id="` + regexp.QuoteMeta(id) + `"[^>]*>`).FindString(dom)
		if !strings.Contains(tag, `data-rendered="true"`) {
			t.Errorf("chart %s not drawn: %s", id, tag)
		}
		// The drawing is an SVG inside the container.
		if i := strings.Index(dom, tag); i < 0 || !strings.Contains(dom[i:min(len(dom), i+2000)], "<svg") {
			t.Errorf("chart %s has no SVG", id)
		}
	}
	status := regexp.MustCompile(`<p id="chart-status"[^>]*data-rendered="(\d+)"[^>]*>([^<]*)</p>`).FindStringSubmatch(dom)
	// 3 of the base fixture, 5 pay, 2 more trends, 6 monitoring and the headcount line.
	if status == nil || status[1] != "17" || status[2] != "17 of 17 charts drawn." {
		t.Errorf("chart status = %q, want 17 of 17 charts drawn", status)
	}
}

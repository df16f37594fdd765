// Package png renders the chart model as standalone PNG images, one per
// chart, for slides (OUT/charts/<id>.png), with the chart's title and alt
// text embedded as PNG text so that the image carries its own description.
package png

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	imgpng "image/png"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/equip-project/equip/internal/chart"
)

// ErrBadID reports a chart ID that cannot name a file in the output directory.
var ErrBadID = errors.New("chart ID cannot be a file name")

// Write renders each chart to dir/<ID>.png, creating dir if needed, and
// returns the paths written in chart order. Two charts with one ID, or an ID
// that is not a plain file name, are an error.
func Write(dir string, charts []chart.Chart) ([]string, error) {
	seen := map[string]bool{}
	for _, c := range charts {
		if err := checkID(c.ID); err != nil {
			return nil, err
		}
		if seen[c.ID] {
			return nil, fmt.Errorf("write chart images: two charts have the ID %q", c.ID)
		}
		seen[c.ID] = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("write chart images: %w", err)
	}
	paths := make([]string, 0, len(charts))
	for _, c := range charts {
		var buf bytes.Buffer
		if err := Encode(&buf, c); err != nil {
			return nil, err
		}
		path := filepath.Join(dir, c.ID+".png")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return nil, fmt.Errorf("write chart %s: %w", c.ID, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// Encode renders one chart as a PNG image (1200 × 750 pixels) to w.
func Encode(w io.Writer, c chart.Chart) error {
	img, err := Render(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := imgpng.Encode(&buf, img); err != nil {
		return fmt.Errorf("encode chart %s: %w", c.ID, err)
	}
	data, err := withText(buf.Bytes(), [2]string{"Title", c.Title}, [2]string{"Description", c.AltText})
	if err != nil {
		return fmt.Errorf("encode chart %s: %w", c.ID, err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("write chart %s: %w", c.ID, err)
	}
	return nil
}

func checkID(id string) error {
	if id == "" || id == "." || id == ".." || strings.ContainsAny(id, `/\:`) || strings.ContainsRune(id, 0) {
		return fmt.Errorf("%w: %q", ErrBadID, id)
	}
	return nil
}

// Render draws one chart as an image.
func Render(c chart.Chart) (image.Image, error) {
	txt, err := loadFonts()
	if err != nil {
		return nil, err
	}
	return render(c, txt), nil
}

// withText inserts international text (iTXt) chunks after the PNG header
// chunk: image viewers and slide software show them as the image's title and
// description. Empty values are left out.
func withText(data []byte, pairs ...[2]string) ([]byte, error) {
	const ihdrEnd = 8 + 4 + 4 + 13 + 4 // signature, then IHDR's length, type, data and CRC
	if len(data) < ihdrEnd || string(data[12:16]) != "IHDR" {
		return nil, errors.New("PNG does not start with its header chunk")
	}
	out := append([]byte{}, data[:ihdrEnd]...)
	for _, p := range pairs {
		if p[1] == "" {
			continue
		}
		// keyword NUL, compression flag 0, method 0, empty language NUL, empty translated keyword NUL, UTF-8 text
		body := append([]byte(p[0]), 0, 0, 0, 0, 0)
		body = append(body, p[1]...)
		out = appendChunk(out, "iTXt", body)
	}
	return append(out, data[ihdrEnd:]...), nil
}

func appendChunk(out []byte, kind string, body []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(body)))
	start := len(out)
	out = append(out, kind...)
	out = append(out, body...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

package png

import (
	"fmt"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
)

// typeface is the Go font family, bundled with the binary so that every
// machine draws the same glyphs (including £, – and ’) and the same pixels.
const typeface font.Typeface = "Go"

// loadFonts parses the Go fonts once and returns a text handler drawing with them.
var loadFonts = sync.OnceValues(func() (text.Plain, error) {
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return text.Plain{}, fmt.Errorf("load the Go Regular font: %w", err)
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return text.Plain{}, fmt.Errorf("load the Go Bold font: %w", err)
	}
	cache := font.NewCache(font.Collection{
		{Font: font.Font{Typeface: typeface}, Face: regular},
		{Font: font.Font{Typeface: typeface, Weight: xfont.WeightBold}, Face: bold},
	})
	return text.Plain{Fonts: cache}, nil
})

package tui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	"github.com/berakhlak/berakhlak/tui/page"
)

// keyMap is the keys of the kiosk's pages in the current language, with the
// kiosk's own keys (the language switch; leaving, over SSH) in their help.
func (k *Kiosk) keyMap() *page.KeyMap {
	stoppable := k.canStop()
	cacheKey := k.lang + "/" + strconv.FormatBool(stoppable)
	if km, ok := k.keyMaps[cacheKey]; ok {
		return km
	}
	extra := []key.Binding{key.NewBinding(key.WithKeys(switchLanguageKey), key.WithHelp("F2", ui.OtherLanguage.In(k.lang)))}
	if stoppable {
		extra = append(extra, key.NewBinding(key.WithKeys(stopKey), key.WithHelp("F10", ui.Stop.In(k.lang))))
	}
	if k.cfg.AllowQuit {
		extra = append(extra, key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", ui.Leave.In(k.lang))))
	}
	if k.keyMaps == nil {
		k.keyMaps = map[string]*page.KeyMap{}
	}
	km := page.NewKeyMap(k.lang, extra...)
	k.keyMaps[cacheKey] = km
	return km
}

// setPage makes p the current page, sized to the window.
func (k *Kiosk) setPage(p *page.Page) {
	k.pg = p
	p.SetSize(k.width, k.pageHeight())
}

// pageHeight is the lines a page has between the header and the footer.
func (k *Kiosk) pageHeight() int { return max(k.height-headerHeight-footerHeight, 3) }

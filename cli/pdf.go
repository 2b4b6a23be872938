package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// ErrNoChromium means no Chromium was found to print a PDF with.
var ErrNoChromium = errors.New("no Chromium found to print the PDF: install it (Debian: apt-get install chromium) or set BERAKHLAK_CHROMIUM to its path; the HTML report was written")

// chromium finds a headless-capable Chromium.
func chromium() (string, error) {
	if p := os.Getenv("BERAKHLAK_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// printTimeout bounds the printing of one report.
const printTimeout = 90 * time.Second

// pdfPrinter prints HTML files to PDF in one headless Chromium kept open
// (chromedp), a tab per print, so that the thousands of reports of
// `report --each-unit --pdf` do not start thousands of browsers. It reaches
// no network: reports are self-contained files.
type pdfPrinter struct {
	browser context.Context
	stop    func() // kills Chromium and removes its profile
}

// startPDFPrinter starts Chromium with a profile of its own; ending ctx (or
// Close) kills it and everything it started.
func startPDFPrinter(ctx context.Context) (*pdfPrinter, error) {
	bin, err := chromium()
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "berakhlak-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.UserDataDir(profile),
		chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true))
	alloc, stopAlloc := chromedp.NewExecAllocator(ctx, opts...)
	browser, stopBrowser := chromedp.NewContext(alloc)
	p := &pdfPrinter{browser: browser, stop: func() { stopBrowser(); stopAlloc(); os.RemoveAll(profile) }}
	if err := chromedp.Do(browser); err != nil { // starts the browser
		p.Close()
		return nil, fmt.Errorf("start Chromium (%s): %w", bin, err)
	}
	return p, nil
}

// Close stops Chromium.
func (p *pdfPrinter) Close() { p.stop() }

// Print prints html to pdf on A4 as its style sheet lays it out, with its
// colours. Safe for concurrent use (each print has its own tab). When ctx
// ends first no PDF is written.
func (p *pdfPrinter) Print(ctx context.Context, html, pdf string) error {
	abs, err := filepath.Abs(html)
	if err != nil {
		return err
	}
	tab, closeTab := chromedp.NewContext(p.browser)
	defer closeTab()
	tab, cancel := context.WithTimeout(tab, printTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	page := (&url.URL{Scheme: "file", Path: abs}).String()
	if err := chromedp.Do(tab, chromedp.Navigate(page)); err != nil {
		return fmt.Errorf("chromium could not open %s: %w", html, interruptionOr(ctx, err))
	}
	data, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		return fmt.Errorf("chromium could not print %s: %w", html, interruptionOr(ctx, err))
	}
	if ctx.Err() != nil {
		return fmt.Errorf("printing %s stopped: %w", pdf, ctx.Err())
	}
	return writeFileWith(pdf, func(w io.Writer) error { _, err := w.Write(data); return err })
}

// interruptionOr names the interruption, when there was one, rather than
// what it broke.
func interruptionOr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// printPDF prints one HTML file to PDF with a Chromium of its own. When ctx
// ends first, Chromium is killed and no PDF is left.
func printPDF(ctx context.Context, html, pdf string) error {
	p, err := startPDFPrinter(ctx)
	if err != nil {
		return err
	}
	defer p.Close()
	return p.Print(ctx, html, pdf)
}

package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/berakhlak/berakhlak/oplog"
)

// openScreenLog is the log of a process whose terminal is a screen (the
// kiosk, an admin screen holding the database): nothing may be written on
// that screen, so its lines go to the database's log file (DB.log, 0600),
// every one dated, with the libraries' lines and a panic's dump, filtered.
// end says the process stopped and closes the file.
func openScreenLog(dbPath, who string) (log io.Writer, end func(), err error) {
	file, err := os.OpenFile(logPath(dbPath), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open log: %w", err)
	}
	log = oplog.Dated(file, time.Now)
	fmt.Fprintf(log, "berakhlak: %s started on database %s\n", who, dbPath)
	oplog.QuietLibraries(log)
	restoreStderr, err := oplog.CaptureStderr(log)
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	return log, func() {
		restoreStderr()
		fmt.Fprintf(log, "berakhlak: %s stopped\n", who)
		file.Close()
	}, nil
}

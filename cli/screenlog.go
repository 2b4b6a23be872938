package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/berakhlak/berakhlak/oplog"
)

// maxLogBytes caps DB.log: past it the file becomes DB.log.1 and a new one
// starts (oplog.CappedFile). Eight megabytes hold some 80,000 lines of about
// a hundred bytes.
const maxLogBytes = 8 << 20

// openScreenLog is the log of a process whose terminal is a screen (the
// kiosk, an admin screen holding the database): nothing may be written on
// that screen, so its lines go to the database's log file (DB.log, 0600, capped),
// every one dated, with the libraries' lines and a panic's dump, filtered.
// end says the process stopped and closes the file.
func openScreenLog(dbPath, who string) (log io.Writer, end func(), err error) {
	file, err := oplog.OpenCapped(logPath(dbPath), maxLogBytes)
	if err != nil {
		return nil, nil, err
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

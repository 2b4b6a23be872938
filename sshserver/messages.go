package sshserver

import (
	"fmt"

	"charm.land/ssh"
	"charm.land/wish/v2"
)

// say is what the server tells a person outside the survey screens, in both
// languages: it speaks before anyone has chosen one.
func say(indonesian, english string, args ...any) string {
	return "berakhlak: " + fmt.Sprintf(indonesian, args...) + "\r\nberakhlak: " + fmt.Sprintf(english, args...)
}

// Messages to people the server turns away or leaves.
var (
	msgCommands = say("layanan ini hanya menjalankan survei; perintah tidak diterima. Sambungkan dengan: ssh survei@HOST",
		"this service runs the survey only; commands are not accepted. Connect with: ssh survei@HOST")
	msgAdminKey   = say("layar admin memerlukan kunci yang terdaftar di berkas admin-keys.", "the admin screen needs a key listed in the admin-keys file.")
	msgKioskKey   = say("terminal kios memerlukan kunci yang terdaftar di berkas kiosk-keys.", "a kiosk terminal needs a key listed in the kiosk-keys file.")
	msgNoSurvey   = say("survei tidak dilayani di sini: proses ini hanya menyajikan layar admin.", "the survey is not served here: this process serves the admin screen only.")
	msgSubsystem  = say("transfer berkas dan subsistem lain tidak tersedia.", "file transfer and other subsystems are not available.")
	msgNotCounted = say("galat internal: sambungan tidak tercatat.", "internal error: connection not counted")
	msgNoPTY      = say("survei memerlukan terminal interaktif; sambungkan dengan: ssh -t survei@HOST",
		"the survey needs an interactive terminal (an active PTY); connect with: ssh -t survei@HOST")
	msgStopping = "\r\n" + say("server berhenti; jawaban yang belum dikirim tidak disimpan. Silakan sambung lagi nanti.",
		"the server is stopping; unsent answers are not stored. Please reconnect later.") + "\r\n"
)

func msgUnknownUser(user string) string {
	return say("pengguna %q tidak dikenal. Responden tersambung dengan: ssh survei@HOST",
		"unknown user %q. Respondents connect with: ssh survei@HOST", user)
}

func msgFull(n int) string {
	return say("server penuh (%d sesi); silakan coba lagi beberapa menit lagi.", "the server is full (%d sessions); please try again in a few minutes.", n)
}

func msgPerAddress(n int) string {
	return say("terlalu banyak sesi dari alamat Anda (%d); tutup satu lalu coba lagi.", "too many sessions from your address (%d); close one and try again.", n)
}

// needPTY turns away a session without a terminal, with a message in both
// languages (wish's activeterm says it in English only).
func needPTY(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if _, _, ok := sess.Pty(); !ok {
			wish.Fatalln(sess, msgNoPTY)
			return
		}
		next(sess)
	}
}

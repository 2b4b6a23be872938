package relay

import (
	"fmt"
	"strings"
)

// PermissionTable renders every role's permissions, for agency ID and
// kiosk NAME, as the Markdown table README's "Who may do what" carries: a
// test keeps the two the same, so the documentation is the code's.
func PermissionTable() string {
	var b strings.Builder
	b.WriteString("| credentials | may publish to | may subscribe to |\n|---|---|---|\n")
	for _, role := range Roles {
		id := Identity{Role: role}
		flags := ""
		switch role {
		case RoleKiosk, RoleLeaf:
			id.Agency, id.Kiosk, flags = "ID", "NAME", " --agency ID --name NAME"
		case RoleAgency:
			id.Agency, flags = "ID", " --agency ID"
		}
		p, err := permissionsOf(id)
		if err != nil {
			panic(err) // every role with its placeholders is valid
		}
		fmt.Fprintf(&b, "| `%s%s` | %s | %s |\n", role, flags, codeList(p.Pub.Allow), codeList(p.Sub.Allow))
	}
	return b.String()
}

func codeList(subjects []string) string {
	quoted := make([]string, len(subjects))
	for i, s := range subjects {
		quoted[i] = "`" + s + "`"
	}
	return strings.Join(quoted, "<br>")
}

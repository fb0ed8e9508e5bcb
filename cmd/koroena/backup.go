package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"koroena/store"
)

// openMode says what a command does with the data file.
type openMode int

const (
	openRead      openMode = iota // reads an existing file
	openWrite                     // writes; a missing file is created
	openWriteOnly                 // writes, but only into an existing file
)

// openStore opens the data file for a command. A writing session starts with the daily
// automatic backup (store.AutoBackup), said on stderr. A damaged file gives an exit error
// that names the newest backup and the command that restores it; a file another koroena
// holds gives one that says so.
func (a *app) openStore(path string, mode openMode) (*store.Store, error) {
	if mode != openWrite {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, &exitError{code: 1, msg: fmt.Sprintf("no data file at %s "+
				"(koroena demo --db %s writes a demo city there)", path, path)}
		}
	}
	if err := checkNotEmptied(path, mode); err != nil {
		return nil, err
	}
	st, err := store.Open(path, store.Options{})
	if mode == openRead && errors.Is(err, fs.ErrPermission) {
		// A file this user may read but not write (a copy from a colleague, a read-only
		// folder or stick) still lists, exports and backs up.
		st, err = store.Open(path, store.Options{ReadOnly: true})
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return nil, &exitError{code: 1, msg: permissionMessage(path, mode)}
	case errors.Is(err, store.ErrDamaged):
		return nil, &exitError{code: 1, msg: damagedMessage(path, err)}
	case errors.Is(err, store.ErrLocked):
		return nil, &exitError{code: 1, msg: fmt.Sprintf("%s is in use by another "+
			"koroena; close that one and try again", path)}
	case err != nil:
		return nil, err
	}
	if mode != openRead {
		if made, err := st.AutoBackup(time.Now()); err != nil {
			fmt.Fprintf(a.stderr, "koroena: warning: daily backup failed: %v\n", err)
		} else if made != "" {
			fmt.Fprintf(a.stderr, "koroena: daily backup written to %s\n", made)
		}
	}
	return st, nil
}

// checkNotEmptied refuses a data file of 0 bytes where the store would quietly set up a
// new, empty city in it. With backups beside it, the file held data and was cut to nothing
// (a failed copy or sync): that is damage, and the message names the backup to restore.
// Without backups, only a writing session may start a new file there; a reading command
// says there is nothing to read rather than write an empty city into the file.
func checkNotEmptied(path string, mode openMode) error {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != 0 {
		return nil // a missing file is handled by the caller, anything else by the store
	}
	if _, ok := store.NewestBackup(path); ok {
		return &exitError{code: 1, msg: damagedMessage(path,
			errors.New("it is empty: 0 bytes, though backups of it exist"))}
	}
	if mode == openWrite {
		return nil
	}
	return &exitError{code: 1, msg: fmt.Sprintf("%s is empty (0 bytes) and holds no koroena "+
		"data (koroena demo --db %s writes a demo city there)", path, path)}
}

// permissionMessage says that the operating system refused the data file at path, and
// what still works: reading commands open a file they may only read.
func permissionMessage(path string, mode openMode) string {
	if mode == openRead {
		return fmt.Sprintf("%s cannot be read: permission denied (check the file's owner "+
			"and permissions)", path)
	}
	return fmt.Sprintf("%s cannot be opened for writing: permission denied (a read-only "+
		"file or folder?); koroena list, export, report and backup can still read it, "+
		"or copy it somewhere writable and use --db", path)
}

// explainDamage turns an error that found the data file damaged (store.ErrDamaged, which
// reads can return long after the file opened) into the message that names the newest
// backup. Other errors pass unchanged.
func (a *app) explainDamage(err error) error {
	var ee *exitError
	if errors.As(err, &ee) || !errors.Is(err, store.ErrDamaged) {
		return err
	}
	path, perr := a.dataFile()
	if perr != nil {
		return err
	}
	return &exitError{code: 1, msg: damagedMessage(path, err)}
}

// damagedMessage explains a damaged data file and the way back: the newest backup and
// the command that restores it, or where backups would be.
func damagedMessage(path string, err error) string {
	msg := fmt.Sprintf("the data file %s is damaged (%s).\n", path, damageReason(err))
	b, ok := store.NewestBackup(path)
	if !ok {
		return msg + fmt.Sprintf("No backup was found in %s. If you have a copy of the file "+
			"(another laptop, an earlier `koroena backup --out`), restore it with:\n"+
			"  koroena restore COPY --db %s", store.BackupDir(path), path)
	}
	return msg + fmt.Sprintf("The newest backup is %s, made %s.\n"+
		"Restore it with:\n  koroena restore %s --db %s\n"+
		"(the damaged file is kept in %s).", b.Path, b.Time.Local().Format("2 Jan 2006 15:04"),
		b.Path, path, store.BackupDir(path))
}

// damageReason is err for people: a fault the store caught while walking a broken page
// ("runtime error: index out of range [18446744073705070592]") says only that.
func damageReason(err error) string {
	text := err.Error()
	if i := strings.Index(text, "runtime error:"); i >= 0 {
		return strings.TrimRight(text[:i], " (") + ": a page of it cannot be read"
	}
	return text
}

// backupCmd writes a consistent copy of the data file.
func (a *app) backupCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "backup",
		Short: "Write a consistent copy of the data file",
		Long: "Write a consistent copy of the data file. Like every command it needs the file\n" +
			"free: quit koroena's screens first (they take a daily backup when they start).\n" +
			"Without --out it goes to backups/ beside the data file, where\n" +
			"the last 10 automatic backups are kept (setting backup.keep); a writing session\n" +
			"makes one there by itself when the newest is more than a day old.",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return a.runBackup(out) },
	}
	cmd.Flags().StringVar(&out, "out", "", "where to write the copy")
	return cmd
}

func (a *app) runBackup(out string) error {
	path, err := a.dataFile()
	if err != nil {
		return err
	}
	st, err := a.openStore(path, openRead)
	if err != nil {
		return err
	}
	defer st.Close()
	if out == "" {
		out = store.NewBackupPath(path, time.Now())
	}
	if err := st.WriteBackup(out); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Backup written to %s\n", out)
	return nil
}

// restoreCmd puts a backup in the place of the data file.
func (a *app) restoreCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "restore BACKUP",
		Short: "Put a backup in the place of the data file, keeping the replaced file",
		Long: "Put BACKUP in the place of the data file. The backup is checked first. It is\n" +
			"refused while the data file is open in another koroena. The replaced file is\n" +
			"kept in backups/ beside the data file, named ...-replaced.db.",
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return a.runRestore(args[0]) },
	}
}

func (a *app) runRestore(backup string) error {
	path, err := a.dataFile()
	if err != nil {
		return err
	}
	replaced, err := store.Restore(backup, path, time.Now())
	switch {
	case errors.Is(err, store.ErrLocked):
		return &exitError{code: 1, msg: fmt.Sprintf("restore refused: %s is open in another "+
			"koroena; close it first", path)}
	case errors.Is(err, store.ErrDamaged):
		return &exitError{code: 1, msg: fmt.Sprintf("restore refused: %s is not a sound "+
			"koroena data file (%v)", backup, err)}
	case err != nil:
		return err
	}
	fmt.Fprintf(a.stdout, "Restored %s into %s\n", backup, path)
	if replaced != "" {
		fmt.Fprintf(a.stdout, "The replaced file is kept as %s\n", replaced)
	}
	return nil
}

;;; driver.el --- debug program.js through Emacs dap-mode and report what it showed  -*- lexical-binding: t -*-

;; Run by emacs.test.mjs as `emacs --batch -l driver.el`, with these environment variables:
;;   QJS_DAP_CONFIG   a file holding the README's dap-mode configuration block, loaded as it stands
;;   QJS_DAP_ADAPTER  the adapter (dist/debug-adapter.js)
;;   QJS_DAP_PROGRAM  the program to debug (program.js)
;;   QJS_DAP_TIMEOUT  seconds after which the run stops and reports failure, whatever it is waiting for
;; It works the way a user does: a breakpoint toggled in the program's buffer, `dap-debug' on the README's template,
;; next, step in, the locals dap-ui would list, `dap-eval', an exception stop with the "All Exceptions" filter set
;; through `dap-exception-breakpoints', then `dap-disconnect'; then a second session with dap-mode's default filters
;; that stops at the uncaught exception and runs to the end. It prints one JSON object on stdout (the last line):
;; what dap-mode reported at each step. Emacs's own messages go to stderr.

(require 'json)
(require 'seq)
(require 'subr-x)
;; dap-mode and dap-ui are loaded by the configuration block alone (in `qjs-run'), so it is proven complete.

(defvar qjs-started (float-time))
(defvar qjs-report nil "Facts recorded so far, newest first, as (KEY . VALUE).")
(defvar qjs-messages nil "Every message Emacs showed in the echo area, newest first.")
(defvar qjs-stops nil "One alist per stop dap-mode showed, newest first.")
(defvar qjs-terminated nil "Non-nil once `dap-terminated-hook' ran.")
(defvar qjs-finished nil)

(defun qjs-record (key value)
  "Record VALUE under KEY in the report."
  (push (cons key value) qjs-report))

(defun qjs-finish (code)
  "Print the report as JSON on stdout and end Emacs with exit CODE."
  (unless qjs-finished
    (setq qjs-finished t)
    (qjs-record 'messages (vconcat (reverse qjs-messages)))
    (qjs-record 'stops (vconcat (reverse qjs-stops)))
    (qjs-record 'terminated (if qjs-terminated t :json-false))
    ;; What the adapter wrote on stderr (dap-mode keeps it in a buffer named after the session): the first place to
    ;; look when a run fails.
    (qjs-record 'adapterStderr (mapconcat (lambda (buffer) (with-current-buffer buffer (buffer-string)))
                                          (seq-filter (lambda (buffer) (string-suffix-p " stderr*" (buffer-name buffer)))
                                                      (buffer-list))
                                          ""))
    ;; Why dap-mode gave up on a session whose initialize or launch request failed (it keeps only this).
    (when-let ((session (and (fboundp 'dap--cur-session) (dap--cur-session)))
               (why (dap--debug-session-error-message session)))
      (qjs-record 'sessionError why))
    (qjs-record 'seconds (- (float-time) qjs-started))
    (princ (concat (json-encode (reverse qjs-report)) "\n"))
    (kill-emacs code)))

(defun qjs-fail (fmt &rest args)
  "Record the failure described by FMT and ARGS, print the report and exit 1."
  (qjs-record 'error (apply #'format fmt args))
  (qjs-finish 1))

;; The hard deadline: a timer runs even while dap-mode's synchronous `dap-request' waits for an answer that never
;; comes, so no state of the adapter or of dap-mode can keep this Emacs alive.
(run-at-time (string-to-number (or (getenv "QJS_DAP_TIMEOUT") "90")) nil
             (lambda () (qjs-fail "deadline reached; the last stop was %S" (car qjs-stops))))

;; The echo area is where dap-mode shows `dap-eval' results and exception details; a batch Emacs has no *Messages*.
(advice-add 'message :filter-return
            (lambda (text)
              (when (stringp text) (push (substring-no-properties text) qjs-messages))
              text))

(defun qjs-wait (what predicate &optional after-end)
  "Let Emacs run until PREDICATE returns non-nil; WHAT names it in the failure.
A session that ends first fails at once rather than at the deadline, unless AFTER-END says the wait follows the end."
  (let (value)
    (while (not (setq value (funcall predicate)))
      (when (and qjs-terminated (not after-end)) (qjs-fail "the debug session ended while waiting for %s" what))
      (accept-process-output nil 0.05))
    value))

(defun qjs-goto-marker (marker)
  "Put point at the start of the line of the program buffer holding MARKER."
  (goto-char (point-min))
  (unless (search-forward marker nil t) (qjs-fail "marker %s is missing from the program" marker))
  (beginning-of-line))

(defun qjs-session ()
  "The current debug session, or a failure."
  (or (dap--cur-session) (qjs-fail "no debug session")))

;; A stop is what dap-mode shows: the thread state it keeps ("breakpoint", "step", "exception"), the frame it made
;; active, and the buffer line where it put point.
(add-hook 'dap-stack-frame-changed-hook
          (lambda (session)
            (when-let ((frame (dap--debug-session-active-frame session)))
              (push `((reason . ,(gethash (dap--debug-session-thread-id session)
                                          (dap--debug-session-thread-states session)))
                      (frame . ,(gethash "name" frame))
                      (line . ,(gethash "line" frame))
                      (file . ,(and buffer-file-name (file-name-nondirectory buffer-file-name)))
                      (pointLine . ,(line-number-at-pos))
                      (text . ,(string-trim (thing-at-point 'line t))))
                    qjs-stops))))
(add-hook 'dap-terminated-hook (lambda (_session) (setq qjs-terminated t)))

;; dap-mode handles every message of the adapter inside the process filter. A batch Emacs treats an error there as
;; fatal (a backtrace, exit 255, no report), so the filter is wrapped to report the error instead.
(add-hook 'dap-session-created-hook
          (lambda (session)
            (add-function :around (process-filter (dap--debug-session-proc session))
                          (lambda (filter &rest args)
                            (condition-case err
                                (apply filter args)
                              (error (qjs-fail "dap-mode failed on a message from the adapter: %s"
                                               (error-message-string err))))))))

(defun qjs-wait-stop (count what)
  "Wait for the COUNTth stop (WHAT) and return it."
  (qjs-wait what (lambda () (>= (length qjs-stops) count)))
  (car qjs-stops))

(defun qjs-wait-message (what prefix since)
  "Wait for an echo-area message (WHAT) starting with PREFIX among those after the first SINCE; return it."
  (qjs-wait what (lambda ()
                   (seq-find (lambda (m) (string-prefix-p prefix m))
                             (seq-take qjs-messages (- (length qjs-messages) since))))))

(defun qjs-locals (session)
  "The scopes of the active frame and, except Global, their variables as dap-ui renders them."
  (let* ((frame-id (gethash "id" (dap--debug-session-active-frame session)))
         (scopes (gethash "scopes" (dap-request session "scopes" :frameId frame-id))))
    (vconcat
     (mapcar (lambda (scope)
               (let ((name (gethash "name" scope)))
                 `((name . ,name)
                   (variables . ,(if (equal name "Global")
                                     []
                                   (vconcat
                                    (mapcar (lambda (node) (substring-no-properties (plist-get node :label)))
                                            (dap-ui-render-variables session (gethash "variablesReference" scope) nil))))))))
             scopes))))

(defun qjs-launch ()
  "Start a session the way `M-x dap-debug' does with the README's template, from the program's buffer."
  (setq qjs-terminated nil)
  (with-current-buffer (get-file-buffer (getenv "QJS_DAP_PROGRAM"))
    (dap-debug (copy-tree (cdr (assoc "QuickJS Sandbox" dap-debug-template-configurations)))))
  (qjs-session))

(defun qjs-ended (session)
  "Wait for SESSION and its adapter process to end; return the session's output buffer text and the exit status."
  (qjs-wait "the end of the session" (lambda () qjs-terminated))
  (let ((proc (dap--debug-session-proc session)))
    (qjs-wait "the adapter process to exit" (lambda () (not (process-live-p proc))) t)
    `((output . ,(with-current-buffer (dap--debug-session-output-buffer session) (buffer-string)))
      ;; `exit' when the adapter ended by itself; `signal' when dap-mode killed it, as it does on `terminated'.
      (adapterStatus . ,(symbol-name (process-status proc)))
      (adapterExit . ,(process-exit-status proc)))))

(defun qjs-run ()
  "Debug the program through dap-mode, twice, and record what it shows."
  (setq dap-breakpoints-file (expand-file-name "dap-breakpoints" temporary-file-directory))
  (defvar quickjs-sandbox-debug-adapter)
  (setq quickjs-sandbox-debug-adapter (getenv "QJS_DAP_ADAPTER"))
  (load (getenv "QJS_DAP_CONFIG") nil t t)
  ;; Packages install into a folder named after their version (elpa's layout, Debian's and package.el's alike).
  (qjs-record 'dapModeVersion (let ((dir (file-name-directory (locate-library "dap-mode"))))
                                (and (string-match "dap-mode-\\([0-9][0-9.]*\\)" dir) (match-string 1 dir))))
  (find-file (getenv "QJS_DAP_PROGRAM"))
  (qjs-goto-marker "@break")
  (dap-breakpoint-toggle)

  ;; Session 1: "All Exceptions" on and "Uncaught Exceptions" off, so the stop at the program's caught throw proves
  ;; that the filter dap-mode sent is the one set here. It ends with `dap-disconnect' at that stop.
  (setq dap-exception-breakpoints '(("quickjs" ("all" . t) ("uncaught" . nil))))
  (let ((session (qjs-launch)))
    (qjs-wait-stop 1 "the stop at the breakpoint")
    (qjs-record 'breakpoints
                (vconcat (mapcar (lambda (bp) `((verified . ,(if (gethash "verified" bp) t :json-false))
                                                (line . ,(gethash "line" bp))))
                                 (gethash (buffer-file-name (get-file-buffer (getenv "QJS_DAP_PROGRAM")))
                                          (dap--debug-session-breakpoints session)))))
    (dap-next session)
    (qjs-wait-stop 2 "the stop after next")
    (dap-step-in session)
    (qjs-wait-stop 3 "the stop after step in")
    (qjs-record 'scopes (qjs-locals session))
    (let ((since (length qjs-messages)))
      (dap-eval "n * 10")
      (qjs-record 'eval (qjs-wait-message "the result of dap-eval" dap-overlays-eval-result-prefix since)))
    (let ((since (length qjs-messages)))
      (dap-continue session (dap--debug-session-thread-id session))
      (qjs-wait-stop 4 "the stop at the caught exception")
      (qjs-record 'exception (qjs-wait-message "the exception message" "LSP :: Exception has occurred" since)))
    (qjs-record 'exceptionScopes (qjs-locals session))
    (dap-disconnect session)
    (qjs-record 'disconnected (qjs-ended session)))

  ;; Session 2: no filter set, so dap-mode applies the adapter's defaults (only "Uncaught Exceptions"): the caught
  ;; throw passes, the uncaught one stops, and a continue runs the program to its end.
  (setq dap-exception-breakpoints nil)
  (let ((session (qjs-launch)))
    (qjs-wait-stop 5 "the stop at the breakpoint, again")
    (let ((since (length qjs-messages)))
      (dap-continue session (dap--debug-session-thread-id session))
      (qjs-wait-stop 6 "the stop at the uncaught exception")
      (let ((message (qjs-wait-message "the exception message" "LSP :: Exception has occurred" since))
            (scopes (qjs-locals session)))
        (dap-continue session (dap--debug-session-thread-id session))
        (qjs-record 'uncaught `((exception . ,message) (scopes . ,scopes) ,@(qjs-ended session)))))))

(condition-case err
    (progn (qjs-run) (qjs-finish 0))
  (error (qjs-fail "%s" (error-message-string err))))

;;; driver.el ends here

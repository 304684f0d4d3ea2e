@echo off
rem Starts tikmatrix-bridge from any working directory, or by a double-click: the bridge's folder (config\,
rem routes\, data\) is the folder this script was unpacked into, unless --home <dir> or BRIDGE_HOME says otherwise.
rem Java 17 or later, from any vendor: JAVA_HOME\bin\java.exe, else java on the PATH. JAVA_OPTS passes JVM options,
rem after the defaults below, so they win (JAVA_OPTS=-Xmx512m for a larger heap, say).
rem Options: --simulator, --check, --home <dir>, --version, --help (README.md, "Command line").
rem No parenthesised blocks below: a folder such as "C:\Program Files (x86)" would end them early.
setlocal
set "INSTALL_DIR=%~dp0.."
for %%I in ("%INSTALL_DIR%") do set "INSTALL_DIR=%%~fI"

rem The bridge shares its PC with TikMatrix: a small heap that grows only as needed, given back by the serial
rem collector, and the quick compiler only, which costs less CPU and memory for this load; no performance counters,
rem whose sampling every 50 ms was a quarter of an idle bridge's CPU (docs\BENCHMARKS.md; jcmd <pid> still works);
rem and the JVM's own housekeeping (a safepoint, a look for idle monitors to free) once a minute, not every second and
rem four times a second: those wake-ups were a tenth of an idle bridge's CPU on a virtual machine.
rem Keep in step with tikmatrix-bridge (the shell script).
set "DEFAULT_JVM_OPTS=-XX:+UseSerialGC -Xms16m -Xmx160m -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=60000 -XX:AsyncDeflationInterval=60000"

set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if defined JAVA_HOME if not exist "%JAVA_EXE%" goto nojava
if not defined JAVA_HOME where java >nul 2>nul || goto nojava

set "NO_ARGS="
if "%~1"=="" set "NO_ARGS=yes"
set "HOME_GIVEN="
set "SHORT_RUN="
if defined BRIDGE_HOME set "HOME_GIVEN=yes"
rem cmd splits --home=dir at the "=", so both spellings show up as a --home argument
:scan
if "%~1"=="" goto scanned
if /i "%~1"=="--home" set "HOME_GIVEN=yes"
if /i "%~1"=="--check" set "SHORT_RUN=yes"
if /i "%~1"=="--version" set "SHORT_RUN=yes"
if /i "%~1"=="--help" set "SHORT_RUN=yes"
if /i "%~1"=="-h" set "SHORT_RUN=yes"
shift
goto scan
:scanned

rem Class data sharing halves the start (docs\BENCHMARKS.md): the first start writes the classes it loaded into an
rem archive as the bridge stops, and later starts map it. The JVM refuses an archive made from other jars or by
rem another Java, with a warning at every start, so the stamp notes what it was made from and a change makes a new
rem one. A command that only checks or prints writes none; a lib\ folder the user cannot write to goes without.
rem Redirections come first on their lines: "12:34>>file" would redirect handle 4.
set "CDS_ARCHIVE=%INSTALL_DIR%\lib\tikmatrix-bridge.jsa"
set "CDS_MADE_FROM=%TEMP%\tikmatrix-bridge-cds-%RANDOM%.txt"
set "CDS_OPTION="
type nul >"%CDS_MADE_FROM%"
for %%F in ("%INSTALL_DIR%\lib\*.jar") do >>"%CDS_MADE_FROM%" echo %%~nxF %%~zF %%~tF
if defined JAVA_HOME for %%J in ("%JAVA_EXE%") do >>"%CDS_MADE_FROM%" echo %%~fJ %%~zJ %%~tJ
if not defined JAVA_HOME for /f "delims=" %%J in ('where java') do >>"%CDS_MADE_FROM%" echo %%~fJ %%~zJ %%~tJ
if exist "%CDS_ARCHIVE%" fc "%CDS_MADE_FROM%" "%CDS_ARCHIVE%.stamp" >nul 2>nul && set CDS_OPTION="-XX:SharedArchiveFile=%CDS_ARCHIVE%"
if not defined CDS_OPTION if not defined SHORT_RUN del /f "%CDS_ARCHIVE%" >nul 2>nul
rem writing it, the JVM says on the console every class it leaves out, hundreds of lines as the bridge stops
if not defined CDS_OPTION if not defined SHORT_RUN copy /y "%CDS_MADE_FROM%" "%CDS_ARCHIVE%.stamp" >nul 2>nul && set CDS_OPTION="-XX:ArchiveClassesAtExit=%CDS_ARCHIVE%" -Xlog:cds*=off
del "%CDS_MADE_FROM%" >nul 2>nul

if defined HOME_GIVEN goto ownhome
"%JAVA_EXE%" %DEFAULT_JVM_OPTS% %CDS_OPTION% %JAVA_OPTS% -cp "%INSTALL_DIR%\lib\*" io.tikmatrix.bridge.BridgeMain --home "%INSTALL_DIR%" %*
goto done
:ownhome
"%JAVA_EXE%" %DEFAULT_JVM_OPTS% %CDS_OPTION% %JAVA_OPTS% -cp "%INSTALL_DIR%\lib\*" io.tikmatrix.bridge.BridgeMain %*

:done
set "EXIT_CODE=%ERRORLEVEL%"
rem started by a double-click: keep the window open so the reason it stopped can be read
if defined NO_ARGS if not "%EXIT_CODE%"=="0" pause
exit /b %EXIT_CODE%

:nojava
echo tikmatrix-bridge needs Java 17 or later: install one (any vendor) and put it on the PATH, or set JAVA_HOME
if defined NO_ARGS pause
exit /b 2

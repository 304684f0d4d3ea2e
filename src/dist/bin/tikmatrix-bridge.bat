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
rem whose sampling every 50 ms was a quarter of an idle bridge's CPU (docs\BENCHMARKS.md; jcmd <pid> still works).
rem Keep in step with tikmatrix-bridge (the shell script).
set "DEFAULT_JVM_OPTS=-XX:+UseSerialGC -Xms16m -Xmx160m -XX:TieredStopAtLevel=1 -XX:-UsePerfData"

set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if defined JAVA_HOME if not exist "%JAVA_EXE%" goto nojava
if not defined JAVA_HOME where java >nul 2>nul || goto nojava

set "NO_ARGS="
if "%~1"=="" set "NO_ARGS=yes"
set "HOME_GIVEN="
if defined BRIDGE_HOME set "HOME_GIVEN=yes"
rem cmd splits --home=dir at the "=", so both spellings show up as a --home argument
:scan
if "%~1"=="" goto scanned
if /i "%~1"=="--home" set "HOME_GIVEN=yes"
shift
goto scan
:scanned

if defined HOME_GIVEN goto ownhome
"%JAVA_EXE%" %DEFAULT_JVM_OPTS% %JAVA_OPTS% -cp "%INSTALL_DIR%\lib\*" io.tikmatrix.bridge.BridgeMain --home "%INSTALL_DIR%" %*
goto done
:ownhome
"%JAVA_EXE%" %DEFAULT_JVM_OPTS% %JAVA_OPTS% -cp "%INSTALL_DIR%\lib\*" io.tikmatrix.bridge.BridgeMain %*

:done
set "EXIT_CODE=%ERRORLEVEL%"
rem started by a double-click: keep the window open so the reason it stopped can be read
if defined NO_ARGS if not "%EXIT_CODE%"=="0" pause
exit /b %EXIT_CODE%

:nojava
echo tikmatrix-bridge needs Java 17 or later: install one (any vendor) and put it on the PATH, or set JAVA_HOME
if defined NO_ARGS pause
exit /b 2

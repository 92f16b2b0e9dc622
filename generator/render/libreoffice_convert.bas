REM  juesuan: .docx to PDF with LibreOffice, the table of contents updated first.
REM  Run by generator/render/pdf.py: soffice --headless "macro:///Standard.Juesuan.Main", with the
REM  environment variable JUESUAN_JOBS naming a UTF-8 file of jobs, one a line:
REM      source.docx <TAB> target.pdf <TAB> result.txt <TAB>
REM  Each result file gets "OK", the page count and the updated index lines ("heading<TAB>page"),
REM  or "ERR" and the error; one failing document does not stop the others.

Sub Main
    Dim files As Object, stream As Object, fields As Variant, line As String
    files = createUnoService("com.sun.star.ucb.SimpleFileAccess")
    stream = createUnoService("com.sun.star.io.TextInputStream")
    stream.setInputStream(files.openFileRead(ConvertToURL(Environ("JUESUAN_JOBS"))))
    stream.setEncoding("UTF-8")
    Do While Not stream.isEOF()
        line = stream.readLine()
        fields = Split(line, Chr(9))
        If UBound(fields) >= 2 Then
            WriteResult(fields(2), ConvertOne(fields(0), fields(1)))
        End If
    Loop
    stream.closeInput()
End Sub

Function ConvertOne(source As String, target As String) As String
    Dim doc As Object, indexes As Object, result As String, i As Integer
    On Error GoTo Failed
    Dim load(1) As New com.sun.star.beans.PropertyValue
    load(0).Name = "Hidden"
    load(0).Value = True
    load(1).Name = "ReadOnly"
    load(1).Value = True
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), "_blank", 0, load())
    If IsNull(doc) Then
        ConvertOne = "ERR" & Chr(10) & "cannot open " & source
        Exit Function
    End If
    indexes = doc.getDocumentIndexes()
    For i = 0 To indexes.getCount() - 1
        indexes.getByIndex(i).update()
        result = result & indexes.getByIndex(i).getAnchor().getString() & Chr(10)
    Next i
    Dim export(0) As New com.sun.star.beans.PropertyValue
    export(0).Name = "FilterName"
    export(0).Value = "writer_pdf_Export"
    doc.storeToURL(ConvertToURL(target), export())
    ConvertOne = "OK" & Chr(10) & doc.getCurrentController().getPropertyValue("PageCount") & Chr(10) & result
    doc.close(True)
    Exit Function
Failed:
    ConvertOne = "ERR" & Chr(10) & Error$ & " (line " & Erl & ")"
    On Error Resume Next
    If Not IsNull(doc) Then doc.close(True)
End Function

Sub WriteResult(path As String, text As String)
    Dim files As Object, stream As Object
    files = createUnoService("com.sun.star.ucb.SimpleFileAccess")
    stream = createUnoService("com.sun.star.io.TextOutputStream")
    stream.setOutputStream(files.openFileWrite(ConvertToURL(path)))
    stream.setEncoding("UTF-8")
    stream.writeString(text)
    stream.closeOutput()
End Sub

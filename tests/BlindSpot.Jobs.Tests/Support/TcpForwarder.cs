using System.Net;
using System.Net.Sockets;

namespace BlindSpot.Jobs.Tests.Support;

/// <summary>
/// A loopback port that nothing listens on until <see cref="Start"/>, then forwards every connection to the real
/// PostgreSQL server: "the database comes up later" without stopping the test process's shared server.
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    readonly int target;
    readonly CancellationTokenSource stop = new();
    TcpListener? listener;
    Task? accepting;

    public int Port { get; }

    public TcpForwarder(int target)
    {
        this.target = target;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public void Start()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        accepting = AcceptAsync(listener, stop.Token);
    }

    async Task AcceptAsync(TcpListener l, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await l.AcceptTcpClientAsync(ct); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = PipeAsync(inbound, ct);
        }
    }

    async Task PipeAsync(TcpClient inbound, CancellationToken ct)
    {
        using (inbound)
        using (var outbound = new TcpClient())
        {
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, target, ct);
                var a = inbound.GetStream();
                var b = outbound.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, ct), b.CopyToAsync(a, ct));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // a side closed: the connection ends
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener?.Stop();
        if (accepting is not null) await accepting;
        stop.Dispose();
    }
}

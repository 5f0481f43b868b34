using Akka.Actor;
using Akka.Configuration;
using ArcActors.Contracts;
using ArcActors.Contracts.Serialization;
using Xunit;

namespace ArcActors.Tests.Contracts;

public sealed class SerializerRoundTripTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer", ConfigurationFactory.ParseString(SerializationConfig.Hocon));

    public static TheoryData<Type> RegisteredTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in MessageManifests.RegisteredTypes)
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RegisteredTypes))]
    public void Serializer_RoundTripsEveryRegisteredType(Type type)
    {
        var samples = Samples.All();
        Assert.True(samples.ContainsKey(type), $"{type.Name} is registered but Samples.All() has no sample for it");
        var original = samples[type];

        var serializer = _system.Serialization.FindSerializerFor(original);
        Assert.IsType<ArcActorsSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, original);
        var bytes = serializer.ToBinary(original);
        var copy = _system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType(type, copy);
        Assert.True(SnapshotEquality.AreEqual(original, copy), $"{type.Name} changed in the round trip");
    }

    [Fact]
    public void Serializer_KeepsUnicodeNamesByteForByte()
    {
        var original = Samples.All()[typeof(ArcActors.Contracts.Ingress.UploadInventory)];
        var serializer = (ArcActorsSerializer)_system.Serialization.FindSerializerFor(original);
        var copy = (ArcActors.Contracts.Ingress.UploadInventory)serializer.FromBinary(serializer.ToBinary(original), serializer.Manifest(original));

        Assert.Equal("O'Brien [eu] data", copy.ChangedDatabases[0].Name);
        Assert.Equal("ಠ_ಠ", copy.Instance.Databases[1].Name);
    }

    [Fact]
    public void Serializer_UnknownManifestNamesIt()
    {
        var serializer = (ArcActorsSerializer)_system.Serialization.FindSerializerForType(typeof(ArcActors.Contracts.Ingress.UploadAccepted));

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary([], "no-such-manifest"));

        Assert.Contains("no-such-manifest", error.Message);
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}

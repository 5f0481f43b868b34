using System.Text.Json.Nodes;
using static ArcActors.ReadModel.Tests.Fixtures;

namespace ArcActors.ReadModel.Tests;

/// <summary>Case-insensitive lookup and keyset paging of resources, the same on every provider.</summary>
public class ResourcePagingTests : IDisposable
{
    private const string DatabaseType = "Microsoft.AzureArcData/sqlServerInstances/databases";

    // Mixed case, '_' and '-' (which sort around the letters and digits), and a non-ASCII letter that NOCASE does not fold.
    private static readonly string[] DatabaseNames =
        ["alpha", "Bravo", "charlie", "DELTA", "echo", "Foxtrot", "golf_1", "golf-2", "Golf0", "hotel", "äpfel", "Zulu"];

    private readonly TempStore _temp;

    public ResourcePagingTests()
        : this(StoreProvider.Sqlite)
    {
    }

    protected ResourcePagingTests(StoreProvider provider)
    {
        _temp = new TempStore(provider);
        _temp.Store.ApplyBatch("inventory", Batch(1,
            MachineEvent(Machine(), Start),
            InventoryEvent(Instance(), Start, DatabaseNames.Select(name => Database(name)).ToList())));
    }

    private ReadStore Store => _temp.Store;

    private static string DatabasesPrefix => InstanceId() + "/databases/";

    public void Dispose() => _temp.Dispose();

    private static string Id(JsonObject resource) => resource["id"]!.GetValue<string>();

    // The order ListPage promises: ids with ASCII letters lowered, compared code unit by code unit.
    private static string AsciiFolded(string text) =>
        new(text.Select(c => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c).ToArray());

    private List<string> ReadAllPages(string prefix, string? type, int pageSize)
    {
        var ids = new List<string>();
        string? after = null;
        while (true)
        {
            var page = Store.ListPage(prefix, type, after, pageSize);
            ids.AddRange(page.Select(Id));
            if (page.Count < pageSize)
            {
                return ids;
            }

            after = ids[^1];
        }
    }

    [StoreFact]
    public void ResourcePaging_EveryIdOnceInFoldedOrder()
    {
        var expected = DatabaseNames
            .Select(name => DatabasesPrefix + name)
            .OrderBy(AsciiFolded, StringComparer.Ordinal)
            .ToList();

        var ids = ReadAllPages(DatabasesPrefix, DatabaseType, pageSize: 5);

        Assert.Equal(expected, ids);
    }

    [StoreFact]
    public void ResourcePaging_PageSizeOneSameAsOnePage()
    {
        var onePage = Store.ListPage(DatabasesPrefix, null, null, 100).Select(Id).ToList();

        var onePerPage = ReadAllPages(DatabasesPrefix, null, pageSize: 1);

        Assert.Equal(DatabaseNames.Length, onePage.Count);
        Assert.Equal(onePage, onePerPage);
    }

    [StoreFact]
    public void ResourcePaging_PrefixAndTypeIgnoreCase()
    {
        var lower = Store.ListPage(DatabasesPrefix, DatabaseType, null, 100).Select(Id).ToList();

        var upper = Store.ListPage(DatabasesPrefix.ToUpperInvariant(), DatabaseType.ToUpperInvariant(), null, 100).Select(Id).ToList();

        Assert.Equal(DatabaseNames.Length, lower.Count);
        Assert.Equal(lower, upper);
    }

    [StoreFact]
    public void ResourcePaging_AfterIdInOtherCaseResumes()
    {
        var all = ReadAllPages(DatabasesPrefix, null, pageSize: 100);

        var rest = Store.ListPage(DatabasesPrefix, null, all[3].ToUpperInvariant(), 100).Select(Id).ToList();

        Assert.Equal(all.Skip(4).ToList(), rest);
    }

    [StoreFact]
    public void ResourceLookup_AsciiCaseIgnored()
    {
        var resource = Store.GetResource(DatabasesPrefix.ToUpperInvariant() + "bRAVO");

        Assert.NotNull(resource);
        Assert.Equal(DatabasesPrefix + "Bravo", Id(resource));
        Assert.NotNull(Store.FindInstance(InstanceId().ToLowerInvariant()));
    }

    [StoreFact]
    public void ResourceLookup_NonAsciiCaseKept()
    {
        Assert.NotNull(Store.GetResource(DatabasesPrefix + "äpfel"));
        Assert.Null(Store.GetResource(DatabasesPrefix + "Äpfel"));
    }

    [StoreFact]
    public void ResourceWrite_OtherCaseUpdatesSameRow()
    {
        Store.ApplyBatch("inventory", Batch(3, InventoryEvent(null, Start.AddHours(1), [Database("ALPHA", state: "Offline")])));

        var alphas = Store.ListResources(DatabaseType).Where(resource => string.Equals(Id(resource), DatabasesPrefix + "alpha", StringComparison.OrdinalIgnoreCase)).ToList();
        var alpha = Assert.Single(alphas);
        Assert.Equal("Offline", alpha["properties"]!["state"]!.GetValue<string>());
    }
}
